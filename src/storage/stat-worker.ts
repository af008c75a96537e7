/**
 * A worker thread of `scanSignatures` (signature-scan.ts): `lstat`s the files it is sent
 * (one `StatJob`) while the main thread stats its own share or reads the index
 * (letter-db.ts), and posts back their identities in one Float64Array (see `statInto`). It
 * can be started before the files are listed, so that it is ready when they are.
 */
import { parentPort } from 'node:worker_threads';
import { jobPaths, STAT_WIDTH, type StatJob, statInto } from './file-stats.js';

parentPort!.once('message', (job: StatJob) => {
  const paths = jobPaths(job);
  const out = new Float64Array(paths.length * STAT_WIDTH);
  statInto(paths, out);
  parentPort!.postMessage(out, [out.buffer]);
});
