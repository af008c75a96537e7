/**
 * Typesetting the print edition with Typst (templates/letter.print.typ), in parts for a
 * long list. Typst keeps a whole document's layout in memory (100,000 names in one run
 * took 3.6 GB here), so a list longer than `partRows` is typeset in parts of that many rows:
 * each part but the last gives up its last page, whose rows open the next part, so that
 * every page before the last is full; the parts are joined with pdf-lib and numbered
 * "Page n of N" by Typst in a second run that knows N. Runs in the PDF worker process
 * (pdf-worker.ts), never in `letter`'s own.
 */
import { NodeCompiler, type NodeTypstDocument } from '@myriaddreamin/typst-ts-node-compiler';
import { PDFDocument } from 'pdf-lib';
import { type PrintData, partData } from './typst-data.js';

/** What the worker is asked: the data, the template's text, font folders, rows per part. */
export interface TypesetJob {
  data: PrintData;
  template: string;
  fontPaths: string[];
  partRows: number;
}

/** Typst's own words for why it could not typeset. */
export class TypstFailure extends Error {}

// A folder that does not exist: the template reads /data.json, mapped in memory, and nothing else.
const WORKSPACE = '/letter-print.invalid';

/** The PDF of `job` and its page count. @throws TypstFailure with Typst's first diagnostic. */
export async function typesetPdf(job: TypesetJob): Promise<{ pdf: Uint8Array; pages: number }> {
  const compiler = NodeCompiler.create({
    workspace: WORKSPACE,
    fontArgs: job.fontPaths.length > 0 ? [{ fontPaths: job.fontPaths }] : [],
  });
  const rows = job.data.count;
  const typeset = (from: number, to: number, first: number, total: number | null) => {
    const last = to >= rows;
    const data = partData(
      job.data,
      from,
      to,
      { index: from === 0 ? 0 : 1, first_page: first, total },
      !last,
    );
    compiler.mapShadow(`${WORKSPACE}/data.json`, Buffer.from(JSON.stringify(data)));
    const result = compiler.compile({ mainFileContent: job.template });
    const doc = result.result;
    if (result.hasError() || !doc) {
      const diagnostics = compiler.fetchDiagnostics(result.takeError()!) as { message?: string }[];
      throw new TypstFailure(diagnostics[0]?.message ?? 'Typst failed without saying why');
    }
    return doc;
  };
  if (rows <= job.partRows) {
    const doc = typeset(0, rows, 1, null);
    return { pdf: compiler.pdf(doc), pages: doc.numOfPages };
  }
  // First run: where each part ends (the rows of its last page open the next part).
  const parts: { from: number; to: number; keep: number; first: number }[] = [];
  let pages = 0;
  for (let from = 0; from < rows; ) {
    const to = Math.min(from + job.partRows, rows);
    const doc = typeset(from, to, pages + 1, null);
    let keep = doc.numOfPages;
    let next = to;
    if (to < rows) {
      const carry = carryOf(compiler, doc);
      if (carry > from) {
        keep--;
        next = carry;
      }
    }
    parts.push({ from, to, keep, first: pages + 1 });
    pages += keep;
    from = next;
    compiler.evictCache(0);
  }
  // Second run: the same parts, numbered with the total, joined.
  const joined = await PDFDocument.create({ updateMetadata: false });
  for (const p of parts) {
    const doc = typeset(p.from, p.to, p.first, pages);
    const part = await PDFDocument.load(compiler.pdf(doc), { updateMetadata: false });
    const copied = await joined.copyPages(
      part,
      Array.from({ length: p.keep }, (_, i) => i),
    );
    for (const page of copied) joined.addPage(page);
    compiler.evictCache(0);
  }
  const [y, mo, d, h, mi, s] = job.data.date;
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  joined.setTitle(job.data.title);
  joined.setLanguage(job.data.lang);
  joined.setCreator('letter');
  joined.setProducer('Typst, pdf-lib');
  joined.setCreationDate(date);
  joined.setModificationDate(date);
  return { pdf: await joined.save(), pages };
}

/** The row that opens the last page of a part (the template's `<carry>` mark), or -1. */
function carryOf(compiler: NodeCompiler, doc: NodeTypstDocument): number {
  const found = compiler.query(doc, { selector: '<carry>', field: 'value' }) as unknown[];
  const value = found[0];
  return typeof value === 'number' ? value : -1;
}
