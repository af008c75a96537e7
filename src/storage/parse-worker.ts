/**
 * A worker thread of `loadSignatures` (signature-files.ts): reads and parses the files it
 * is given and posts back what each gave, in order, a batch at a time (so that neither
 * thread holds every result of a million files at once): `{ from, results }` messages,
 * then `{ done: true }`. Each result is a `ParsedFile`, or with `open` (a run with no
 * parse cache) what `openSignatureFile` gives, identity included. File i is
 * `entries[i]` in folder `folder[i]` of `folders` (absolute, ending in a separator), shown
 * as in `shown`; with `derive`, the name keys `letter check` needs are made too.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { idOfEntry } from './layout.js';
import { type DeriveKeys, openSignatureFile, parseSignatureFile } from './signature-parse.js';

const { folders, shown, entries, folder, open, batch, derive } = workerData as {
  folders: string[];
  shown: string[];
  entries: string[];
  folder: number[];
  open: boolean;
  batch: number;
  derive: DeriveKeys | undefined;
};
for (let from = 0; from < entries.length; from += batch) {
  const results = [];
  for (let i = from; i < Math.min(from + batch, entries.length); i++) {
    const entry = entries[i]!;
    const f = folder[i]!;
    const id = idOfEntry(entry);
    results.push(
      open
        ? openSignatureFile(folders[f] + entry, shown[f] + entry, id, derive)
        : parseSignatureFile(readFileSync(folders[f] + entry), shown[f] + entry, id, derive),
    );
  }
  parentPort!.postMessage({ from, results });
}
parentPort!.postMessage({ done: true });
