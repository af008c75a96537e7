/**
 * A worker thread of `loadSignatures` (signature-files.ts): reads and parses the files it
 * is given ([absolute path, shown path, id] triples in `workerData`) and posts back one
 * `ParsedFile` per file, in order.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { parseSignatureFile } from './signature-parse.js';

const jobs = workerData as [full: string, file: string, id: string][];
parentPort!.postMessage(jobs.map(([full, file, id]) => parseSignatureFile(readFileSync(full), file, id)));
