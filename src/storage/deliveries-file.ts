/**
 * deliveries.yaml in a letter's folder (see letter/deliveries.ts): read with positioned
 * problems, written as one `FileChange` in canonical form.
 */
import path from 'node:path';
import type { Locate, Problem } from '../errors.js';
import {
  DELIVERY_KEY_ORDER,
  type DeliveriesFile,
  deliveriesSchema,
  orderedDeliveries,
} from '../letter/deliveries.js';
import { DELIVERIES_FILE, readText } from './layout.js';
import type { FileChange } from './transaction.js';
import { parseYaml, stringifyYaml } from './yaml.js';

/** deliveries.yaml as read: the record (empty when the file is absent or invalid), its problems, positions and path as shown. */
export interface ReadDeliveries {
  deliveries: DeliveriesFile;
  problems: Problem[];
  locate: Locate;
  file: string;
  /** True when the file exists. */
  exists: boolean;
}

/** Reads `<dir>/deliveries.yaml` (`shown` the letter folder as shown). Never throws for a bad file: its problems carry line and column. */
export async function readDeliveries(dir: string, shown: string): Promise<ReadDeliveries> {
  const file = path.join(shown, DELIVERIES_FILE);
  const problems: Problem[] = [];
  const source = await readText(path.join(dir, DELIVERIES_FILE), file, problems);
  if (source === undefined)
    return {
      deliveries: { deliveries: [] },
      problems,
      locate: () => ({ line: 1, column: 1 }),
      file,
      exists: false,
    };
  const parsed = parseYaml(source, file, deliveriesSchema);
  return {
    deliveries: parsed.value ?? { deliveries: [] },
    problems: [...problems, ...parsed.problems],
    locate: parsed.locate,
    file,
    exists: true,
  };
}

/** The text of deliveries.yaml for `record`, keys in their order. */
export function deliveriesText(record: DeliveriesFile): string {
  const ordered = orderedDeliveries(record);
  return stringifyYaml({ deliveries: ordered.deliveries }, DELIVERY_KEY_ORDER);
}

/** The change that writes `record` to `<dir>/deliveries.yaml`. */
export function deliveriesChange(dir: string, record: DeliveriesFile): FileChange {
  return { path: path.join(dir, DELIVERIES_FILE), text: deliveriesText(record) };
}
