/**
 * Typesetting the print edition with Typst (templates/letter.print.typ), in parts for a
 * long list. Typst keeps what it typeset in memory, even after its caches are emptied
 * (about 57 MB more for each 5,000 rows here; 3.6 GB for 100,000 rows in one run), so each
 * run is a process of its own (`TypstRun`, see storage/pdf-engine.ts), and a list longer than
 * `partRows` is typeset in parts of that many rows: each part but the last gives up its
 * last page, whose rows open the next part, so that every page before the last is full.
 * A second round typesets the same parts knowing the total for "Page n of N", and pdf-lib
 * joins them.
 */
import { NodeCompiler, type NodeTypstDocument } from '@myriaddreamin/typst-ts-node-compiler';
import { PDFDocument } from 'pdf-lib';
import { type PartPrintData, type PrintData, partData } from './typst-data.js';

/** One Typst run: the part's data in; its page count, where its last page starts (the row, or -1), and its PDF when asked. */
export type TypstRun = (
  data: PartPrintData,
  pdf: boolean,
) => Promise<{ pages: number; carry: number; pdf: Uint8Array | null }>;

/** Typst's own words for why it could not typeset. */
export class TypstFailure extends Error {}

/** The PDF of `data` and its page count, typeset by `run`, `partRows` rows at a time. */
export async function typesetPdf(
  data: PrintData,
  run: TypstRun,
  partRows: number,
): Promise<{ pdf: Uint8Array; pages: number }> {
  const rows = data.count;
  const part = (from: number, to: number, first: number, total: number | null) =>
    partData(data, from, to, { index: from === 0 ? 0 : 1, first_page: first, total }, to < rows);
  if (rows <= partRows) {
    const r = await run(part(0, rows, 1, null), true);
    return { pdf: r.pdf!, pages: r.pages };
  }
  // First round: where each part ends (the rows of its last page open the next part).
  const parts: { from: number; to: number; keep: number; first: number }[] = [];
  let pages = 0;
  for (let from = 0; from < rows; ) {
    const to = Math.min(from + partRows, rows);
    const r = await run(part(from, to, pages + 1, null), false);
    const cut = to < rows && r.carry > from;
    parts.push({ from, to, keep: cut ? r.pages - 1 : r.pages, first: pages + 1 });
    pages += cut ? r.pages - 1 : r.pages;
    from = cut ? r.carry : to;
  }
  // Second round: the same parts, numbered with the total, joined.
  const joined = await PDFDocument.create({ updateMetadata: false });
  for (const p of parts) {
    const r = await run(part(p.from, p.to, p.first, pages), true);
    const doc = await PDFDocument.load(r.pdf!, { updateMetadata: false });
    const copied = await joined.copyPages(
      doc,
      Array.from({ length: p.keep }, (_, i) => i),
    );
    for (const page of copied) joined.addPage(page);
  }
  const [y, mo, d, h, mi, s] = data.date;
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  joined.setTitle(data.title);
  joined.setLanguage(data.lang);
  joined.setCreator('letter');
  joined.setProducer('Typst, pdf-lib');
  joined.setCreationDate(date);
  joined.setModificationDate(date);
  return { pdf: await joined.save(), pages };
}

// A folder that does not exist: the template reads /data.json, mapped in memory, and nothing else.
const WORKSPACE = '/letter-print.invalid';

/**
 * One Typst run in this process (the PDF worker's): `template` on `data`, fonts from
 * `fontPaths`. @throws TypstFailure with Typst's first diagnostic.
 */
export function typstRun(
  data: PartPrintData,
  template: string,
  fontPaths: readonly string[],
  pdf: boolean,
): { pages: number; carry: number; pdf: Uint8Array | null } {
  const compiler = NodeCompiler.create({
    workspace: WORKSPACE,
    fontArgs: fontPaths.length > 0 ? [{ fontPaths: [...fontPaths] }] : [],
  });
  compiler.mapShadow(`${WORKSPACE}/data.json`, Buffer.from(JSON.stringify(data)));
  const result = compiler.compile({ mainFileContent: template });
  const doc = result.result;
  if (result.hasError() || !doc) {
    const diagnostics = compiler.fetchDiagnostics(result.takeError()!) as { message?: string }[];
    throw new TypstFailure(diagnostics[0]?.message ?? 'Typst failed without saying why');
  }
  return {
    pages: doc.numOfPages,
    carry: data.mark ? carryOf(compiler, doc) : -1,
    pdf: pdf ? compiler.pdf(doc) : null,
  };
}

/** The row that opens the last page of a part (the template's `<carry>` mark), or -1. */
function carryOf(compiler: NodeCompiler, doc: NodeTypstDocument): number {
  const found = compiler.query(doc, { selector: '<carry>', field: 'value' }) as unknown[];
  const value = found[0];
  return typeof value === 'number' ? value : -1;
}
