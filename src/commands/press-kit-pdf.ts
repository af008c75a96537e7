/**
 * The press kit's PDF, on one page (`letter press-kit`): printed by Chromium with the names
 * a group asked for; when that runs onto a second page, with fewer names a group, the most
 * that fit on one page, found by printing a few counts in each Chromium run.
 */
import { UserError } from '../errors.js';
import { cutKit, type PressKit } from '../letter/press-kit.js';

/** Counts of names a group printed in one Chromium run while looking for the most that fit. */
const BATCH = 6;

/** The PDF of a kit that fits one page: the kit as printed, its names a group, and the names cut to fit. */
export interface OnePageKit {
  kit: PressKit;
  pdf: Buffer;
  top: number;
  cut: number;
}

/**
 * The kit on one A4 page, `top` names a group or the most below that fit (the names cut
 * counted in each group's "and N others"). Chromium's stamps are dated `kit.made_at`.
 * @throws UserError when even one name a group does not fit; EnvironmentError without Chromium.
 */
export async function onePageKitPdf(
  kit: PressKit,
  top: number,
  lang: string,
  env: Record<string, string | undefined>,
): Promise<OnePageKit> {
  const [{ pressKitHtml }, { printPdfs }, { PDFDocument }] = await Promise.all([
    import('../render/press-kit-html.js'),
    import('../render/pdf.js'),
    import('pdf-lib'),
  ]);
  const print = (tops: readonly number[]) =>
    printPdfs(
      tops.map((t) => pressKitHtml(cutKit(kit, t).kit, lang)),
      env,
      kit.made_at,
      { what: 'the press kit', next: 'Run it again with --no-pdf for the Markdown alone.' },
    );
  const onePage = async (pdf: Buffer) =>
    (await PDFDocument.load(pdf, { updateMetadata: false })).getPageCount() === 1;
  const [whole] = await print([top]);
  if (await onePage(whole!)) return { kit, pdf: whole!, top, cut: 0 };
  // `hi` names a group do not fit on one page; `lo` do (0: none printed yet). More names
  // never take fewer pages, so each run narrows the range to one step of its counts.
  let lo = 0;
  let hi = top;
  let fits: Buffer | null = null;
  while (hi - lo > 1) {
    const step = (hi - lo) / (BATCH + 1);
    const tops = [
      ...new Set(Array.from({ length: BATCH }, (_, i) => Math.round(lo + step * (i + 1)))),
    ].filter((t) => t > lo && t < hi);
    const pdfs = await print(tops);
    for (const [i, t] of tops.entries()) {
      if (!(await onePage(pdfs[i]!))) {
        hi = t;
        break;
      }
      lo = t;
      fits = pdfs[i]!;
    }
  }
  if (fits === null)
    throw new UserError(
      `The press kit does not fit on one page even with one name a group (${kit.groups.length} groups).`,
      'Run it again with --no-pdf for the Markdown alone.',
    );
  const cut = cutKit(kit, lo);
  return { kit: cut.kit, pdf: fits, top: lo, cut: cut.cut };
}
