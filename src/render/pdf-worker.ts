/**
 * The PDF worker: a process of its own (started by storage/pdf-engine.ts) for one Typst run
 * (see typst-pdf.ts `typstRun`), so that a crash or an exhausted memory ends this process
 * and `letter` reports it, and Typst's memory goes back to the system after each part.
 */
import type { PartPrintData } from './typst-data.js';
import { TypstFailure, typstRun } from './typst-pdf.js';

/** What the worker is sent. */
interface Job {
  data: PartPrintData;
  template: string;
  fontPaths: string[];
  pdf: boolean;
}

process.once('message', (job: Job) => {
  let answer: object;
  try {
    answer = { ok: true, ...typstRun(job.data, job.template, job.fontPaths, job.pdf) };
  } catch (e) {
    answer = { ok: false, typst: e instanceof TypstFailure, message: (e as Error).message };
  }
  process.send?.(answer, () => process.exit(0));
});
