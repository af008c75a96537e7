/**
 * One signature file, bytes in, parsed and validated value out: the work done for every
 * file that is not in the index (letter-db.ts). Pure (no file access), so that the main thread and
 * the parse workers (parse-worker.ts) run exactly the same code.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import type { Problem } from '../errors.js';
import { findContactDetails } from '../letter/contact-details.js';
import { type NameSeed, skeletonOf, transliterationKey } from '../letter/duplicates.js';
import { isErasedId } from '../letter/ids.js';
import { normaliseName } from '../letter/names.js';
import {
  type ErasedRecord,
  erasedSchema,
  type Signature,
  signatureSchema,
} from '../letter/schema.js';
import { sortKeyToWrite } from '../letter/sort-key.js';
import { identityOf, NOT_A_FILE, VANISHED } from './file-stats.js';
import { conflictMarker, decodeUtf8, MAX_SIGNATURE_BYTES } from './layout.js';
import { parseYaml, parseYamlFast } from './yaml.js';

/**
 * What one file gave. A valid file gives its `signature` (id included) or erasure `record`;
 * an invalid one only `problems`. `problems` may hold warnings for a valid file, and
 * `contacts` the email addresses and phone numbers found in its text (errors that only
 * `letter check` reports); both are left out when empty (a million files, a million fewer
 * arrays). `key` is the name's normal form (see `normaliseName`); its costlier keys (see
 * `nameSeed`) are made when a lookup needs them. `cacheable` is true when the file has
 * neither problems nor contacts: only such files are cached, so that every run reports the others.
 */
export type ParsedFile =
  | {
      kind: 'signature';
      signature: Signature;
      key: string;
      /** With `derive`: the name's index keys (see `nameSeed`). */
      seed?: NameSeed;
      /** With `derive`, for a published signature without `sort_as`: whether `sortKeyToWrite` gives it a key. */
      lacksSortKey?: boolean;
      problems?: Problem[];
      contacts?: Problem[];
      cacheable: boolean;
    }
  | {
      kind: 'erased';
      record: ErasedRecord;
      problems?: Problem[];
      contacts?: Problem[];
      cacheable: boolean;
    }
  | { kind: 'invalid'; problems: Problem[]; contacts?: Problem[] };

/**
 * What `letter check` needs of each signature beyond its parse, made where the file is parsed
 * (on the parse threads, see parse-worker.ts): the name's index keys (`nameSeed`) and the
 * `sort_as` it lacks (`sortKeyToWrite` in the letter's `language`).
 */
export interface DeriveKeys {
  language: string;
}

/** `list` when it holds anything, else nothing. */
const some = (list: Problem[]) => (list.length > 0 ? list : undefined);

/**
 * Parses the bytes of the signature file of `id`, shown as `file` in problems. YAML 1.2
 * through `parseYamlFast` (js-yaml, with the `yaml` package for anything it cannot settle).
 * Never throws.
 */
export function parseSignatureFile(
  bytes: Uint8Array,
  file: string,
  id: string,
  derive?: DeriveKeys,
): ParsedFile {
  const decoded = decodeUtf8(bytes, file);
  if ('problem' in decoded) return { kind: 'invalid', problems: [decoded.problem] };
  const text = decoded.text;
  const conflict = conflictMarker(text, file);
  if (conflict) return { kind: 'invalid', problems: [conflict] };
  const contacts = some(findContactDetails(text, file));
  if (isErasedId(id)) {
    const parsed = parseYaml(text, file, erasedSchema);
    if (!parsed.value) return { kind: 'invalid', problems: parsed.problems, contacts };
    return {
      kind: 'erased',
      record: { id, ...parsed.value },
      problems: some(parsed.problems),
      contacts,
      cacheable: parsed.problems.length === 0 && !contacts,
    };
  }
  const parsed = parseYamlFast(text, file, signatureSchema);
  if (!parsed.value) return { kind: 'invalid', problems: parsed.problems, contacts };
  const signature = { id, ...parsed.value };
  const key = normaliseName(signature.name);
  const result: ParsedFile = {
    kind: 'signature',
    signature,
    key,
    problems: some(parsed.problems),
    contacts,
    cacheable: parsed.problems.length === 0 && !contacts,
  };
  if (derive) {
    result.seed = [key, skeletonOf(signature.name, key), transliterationKey(key)];
    if (
      signature.sort_as === undefined &&
      (signature.status === 'pending' || signature.status === 'verified')
    )
      result.lacksSortKey =
        sortKeyToWrite(signature.name, { language: derive.language }) !== undefined;
  }
  return result;
}

/**
 * A file opened, stat-ed and parsed in one go, for a run with no index: its identity
 * (STAT_WIDTH numbers, see file-stats.ts; kind 2 for a link or a folder, 0 when it
 * vanished) and, for a regular file of at most MAX_SIGNATURE_BYTES, what it gave.
 * Opening without following links replaces the `lstat` of a warm run.
 */
export function openSignatureFile(
  full: string,
  file: string,
  id: string,
  derive?: DeriveKeys,
): { identity: number[]; parsed?: ParsedFile } {
  let fd: number;
  try {
    fd = openSync(full, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { identity: identityOf(undefined, code === 'ENOENT' ? VANISHED : NOT_A_FILE) };
  }
  try {
    const st = fstatSync(fd);
    const identity = identityOf(st);
    if (!st.isFile() || st.size > MAX_SIGNATURE_BYTES) return { identity };
    const bytes = Buffer.allocUnsafe(st.size);
    let got = 0;
    while (got < st.size) {
      const n = readSync(fd, bytes, got, st.size - got, got);
      if (n === 0) break;
      got += n;
    }
    return { identity, parsed: parseSignatureFile(bytes.subarray(0, got), file, id, derive) };
  } finally {
    closeSync(fd);
  }
}
