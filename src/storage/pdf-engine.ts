/**
 * Runs the PDF worker (render/pdf-worker.ts) in a process of its own: the print edition's
 * data in, the PDF out. A crash, an exhausted memory or a run past the time limit is an
 * EnvironmentError with a next step, never an internal error.
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { EnvironmentError } from '../errors.js';
import type { PrintData } from '../render/typst-data.js';
import { packageRoot } from './package-files.js';

/** Where fonts are looked for (Debian's fonts-noto-core and fonts-wqy-microhei), then LETTER_FONTS. */
const FONT_FOLDERS = [
  '/usr/share/fonts/truetype/noto',
  '/usr/share/fonts/opentype/noto',
  '/usr/share/fonts/truetype/wqy',
];

/** Rows of the list typeset in one Typst run (LETTER_PDF_PART_ROWS); see render/typst-pdf.ts. */
export const PART_ROWS = 5000;

/**
 * The PDF of the print edition `data`, made by Typst in a worker process.
 * LETTER_PDF_TIMEOUT (seconds, default 600) bounds the run; LETTER_FONTS adds font folders
 * (separated by `path.delimiter`).
 * @throws EnvironmentError when the worker crashes, runs out of memory, times out, or
 *   Typst refuses the template.
 */
export async function typesetPrintEdition(
  data: PrintData,
  env: Record<string, string | undefined>,
): Promise<Buffer> {
  const worker = path.join(packageRoot(), 'dist', 'render', 'pdf-worker.js');
  if (!existsSync(worker))
    throw new EnvironmentError(
      `The PDF worker ${worker} is missing.`,
      'Build letter first: npm run build',
    );
  const template = await readFile(
    path.join(packageRoot(), 'templates', 'letter.print.typ'),
    'utf8',
  );
  const fontPaths = [
    ...FONT_FOLDERS,
    ...(env.LETTER_FONTS ?? '').split(path.delimiter).filter(Boolean),
  ].filter((f) => existsSync(f));
  const partRows =
    Number(env.LETTER_PDF_PART_ROWS) >= 100 ? Number(env.LETTER_PDF_PART_ROWS) : PART_ROWS;
  const timeout = Number(env.LETTER_PDF_TIMEOUT) > 0 ? Number(env.LETTER_PDF_TIMEOUT) : 600;
  const child = fork(worker, [], {
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    env,
  });
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => {
    stderr = (stderr + b.toString('utf8')).slice(-2000);
  });
  type Answer = { ok: true; pdf: Uint8Array } | { ok: false; typst: boolean; message: string };
  const answer = await new Promise<
    Answer | { exit: number | null; signal: string | null; timedOut: boolean }
  >((resolve) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeout * 1000);
    let got: Answer | undefined;
    child.on('message', (m: Answer) => {
      got = m;
    });
    child.on('error', () => undefined);
    child.on('exit', (exit, signal) => {
      clearTimeout(timer);
      resolve(got && !timedOut ? got : { exit, signal, timedOut });
    });
    child.send({ data, template, fontPaths, partRows });
  });
  if ('ok' in answer) {
    if (answer.ok) return Buffer.from(answer.pdf);
    throw new EnvironmentError(
      answer.typst
        ? `Typst could not typeset the print edition: ${answer.message}`
        : `The PDF engine failed: ${answer.message}`,
      'Render --format print for the HTML print version meanwhile, and report this with the letter that caused it.',
    );
  }
  if (answer.timedOut)
    throw new EnvironmentError(
      `The PDF engine (Typst) did not finish in ${timeout} s and was stopped.`,
      'Set LETTER_PDF_TIMEOUT to a longer time in seconds, or render --format print for the HTML print version.',
    );
  const how = answer.signal ? `was killed by ${answer.signal}` : `exited with code ${answer.exit}`;
  const memory =
    answer.signal === 'SIGKILL' || /out of memory|heap limit|memory allocation/i.test(stderr)
      ? ' (out of memory?)'
      : '';
  throw new EnvironmentError(
    `The PDF engine (Typst) ${how}${memory} before the PDF was made.${stderr.trim() ? ` It said: ${stderr.trim().split('\n').at(-1)}` : ''}`,
    'Free memory and try again, or set LETTER_PDF_PART_ROWS lower (rows typeset at a time, default 5000).',
  );
}
