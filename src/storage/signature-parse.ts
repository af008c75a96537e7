/**
 * One signature file, bytes in, parsed and validated value out: the work done for every
 * file that is not in the parse cache. Pure (no file access), so that the main thread and
 * the parse workers (parse-worker.ts) run exactly the same code.
 */
import type { Problem } from '../errors.js';
import { findContactDetails } from '../letter/contact-details.js';
import { type NameSeed, nameSeed } from '../letter/duplicates.js';
import { ERASED_PREFIX, type ErasedFile, erasedSchema, type SignatureFile, signatureSchema } from '../letter/schema.js';
import { conflictMarker, decodeUtf8 } from './layout.js';
import { parseYaml, parseYamlFast } from './yaml.js';

/**
 * What one file gave. `value` is undefined when the file is invalid (its `problems` say
 * why, with line and column). `problems` may also hold warnings for a valid file.
 * `contacts` lists email addresses and phone numbers found in its text (errors that only
 * `letter check` reports). `cacheable` is true when the file has neither: only such files
 * are cached, so that every run reports the others.
 */
export type ParsedFile =
  | { kind: 'signature'; value: SignatureFile; seed: NameSeed; problems: Problem[]; contacts: Problem[]; cacheable: boolean }
  | { kind: 'erased'; value: ErasedFile; problems: Problem[]; contacts: Problem[]; cacheable: boolean }
  | { kind: 'invalid'; problems: Problem[]; contacts: Problem[] };

/**
 * Parses the bytes of the signature file of `id`, shown as `file` in problems. YAML 1.2
 * through `parseYamlFast` (js-yaml, with the `yaml` package for anything it cannot settle).
 * Never throws.
 */
export function parseSignatureFile(bytes: Uint8Array, file: string, id: string): ParsedFile {
  const decoded = decodeUtf8(bytes, file);
  if ('problem' in decoded) return { kind: 'invalid', problems: [decoded.problem], contacts: [] };
  const text = decoded.text;
  const conflict = conflictMarker(text, file);
  if (conflict) return { kind: 'invalid', problems: [conflict], contacts: [] };
  const contacts = findContactDetails(text, file);
  if (id.startsWith(ERASED_PREFIX)) {
    const record = parseYaml(text, file, erasedSchema);
    if (!record.value) return { kind: 'invalid', problems: record.problems, contacts };
    return { kind: 'erased', value: record.value, problems: record.problems, contacts, cacheable: record.problems.length === 0 && contacts.length === 0 };
  }
  const parsed = parseYamlFast(text, file, signatureSchema);
  if (!parsed.value) return { kind: 'invalid', problems: parsed.problems, contacts };
  return {
    kind: 'signature', value: parsed.value, seed: nameSeed(parsed.value.name), problems: parsed.problems, contacts,
    cacheable: parsed.problems.length === 0 && contacts.length === 0,
  };
}
