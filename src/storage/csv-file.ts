/** Reading the CSV file `letter import` is given. */
import { readFile } from 'node:fs/promises';
import { UsageError } from '../errors.js';

/**
 * The bytes of the CSV file `file` (absolute); `shown` names it in messages.
 * @throws UsageError when there is no such file (or it is a folder).
 */
export async function readCsvFile(file: string, shown: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR') throw new UsageError(`${shown}: no such file`);
    throw e;
  }
}
