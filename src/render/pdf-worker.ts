/**
 * The PDF worker: a process of its own (started by storage/pdf-engine.ts) that typesets one
 * print edition with Typst and sends the PDF back, so that a crash or an exhausted memory
 * ends this process and `letter` reports it.
 */
import { type TypesetJob, TypstFailure, typesetPdf } from './typst-pdf.js';

process.once('message', (job: TypesetJob) => {
  typesetPdf(job).then(
    (r) => process.send?.({ ok: true, pdf: r.pdf, pages: r.pages }, () => process.exit(0)),
    (e: unknown) =>
      process.send?.(
        { ok: false, typst: e instanceof TypstFailure, message: (e as Error).message },
        () => process.exit(0),
      ),
  );
});
