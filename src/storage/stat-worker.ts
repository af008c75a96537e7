/**
 * A worker thread of `loadSignatures` (signature-files.ts): `lstat`s the files it is given
 * (absolute paths in `workerData`) while the main thread reads the index (letter-db.ts), and posts
 * back their identities in one Float64Array (see `statInto`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { STAT_WIDTH, statInto } from './file-stats.js';

const paths = workerData as string[];
const out = new Float64Array(paths.length * STAT_WIDTH);
statInto(paths, out);
parentPort!.postMessage(out, [out.buffer]);
