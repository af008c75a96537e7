/**
 * Runs Typst for the print edition, each run in a PDF worker process of its own
 * (render/pdf-worker.ts): the data of a part in, its PDF out. A crash, an exhausted memory
 * or a render past the time limit is an EnvironmentError with a next step, never an
 * internal error.
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { EnvironmentError } from '../errors.js';
import type { PartPrintData, PrintData } from '../render/typst-data.js';
import type { TypstRun } from '../render/typst-pdf.js';
import { packageRoot } from './package-files.js';

/**
 * Where fonts are looked for, then LETTER_FONTS: Debian's fonts-noto-core (Latin, Greek,
 * Cyrillic, Arabic, Hebrew, symbols) and fonts-noto-color-emoji (both in noto/),
 * fonts-wqy-microhei (Chinese, Japanese, Korean), fonts-symbola (emoji in outline, in
 * ancient-scripts/). The template names them in the order it prefers them.
 */
const FONT_FOLDERS = [
  '/usr/share/fonts/truetype/noto',
  '/usr/share/fonts/opentype/noto',
  '/usr/share/fonts/truetype/wqy',
  '/usr/share/fonts/truetype/ancient-scripts',
];

/** Rows of the list typeset in one Typst run (LETTER_PDF_PART_ROWS); see render/typst-pdf.ts. */
export const PART_ROWS = 5000;

/** The fewest rows a part may have: about a page of a compact list. */
export const PART_ROWS_MIN = 100;
/** Seconds the print edition may take (LETTER_PDF_TIMEOUT) unless told otherwise. */
export const PDF_TIMEOUT = 600;

/**
 * The PDF engine's settings from the environment: LETTER_PDF_PART_ROWS, a whole number of at
 * least `PART_ROWS_MIN` (default `PART_ROWS`), and LETTER_PDF_TIMEOUT, seconds above 0
 * (default `PDF_TIMEOUT`). Unset or empty means the default.
 * @throws EnvironmentError naming the variable, its value and what it takes.
 */
export function pdfEngineSettings(env: Record<string, string | undefined>): {
  partRows: number;
  timeout: number;
} {
  const rows = env.LETTER_PDF_PART_ROWS?.trim() || undefined;
  const seconds = env.LETTER_PDF_TIMEOUT?.trim() || undefined;
  const partRows = rows === undefined ? PART_ROWS : Number(rows);
  if (!/^\d+$/.test(rows ?? '0') || partRows < PART_ROWS_MIN)
    throw new EnvironmentError(
      `LETTER_PDF_PART_ROWS is "${rows!.slice(0, 40)}": it takes a whole number of rows of at least ${PART_ROWS_MIN} (default ${PART_ROWS}).`,
      'Set it to a number such as 2000, or unset it.',
    );
  const timeout = seconds === undefined ? PDF_TIMEOUT : Number(seconds);
  if (!Number.isFinite(timeout) || timeout <= 0)
    throw new EnvironmentError(
      `LETTER_PDF_TIMEOUT is "${seconds!.slice(0, 40)}": it takes a number of seconds above 0 (default ${PDF_TIMEOUT}).`,
      'Set it to a number such as 1200, or unset it.',
    );
  return { partRows, timeout };
}

/**
 * The PDF of the print edition `data`, typeset by Typst in worker processes.
 * LETTER_PDF_TIMEOUT (seconds, default 600) bounds the whole; LETTER_FONTS adds font
 * folders (separated by `path.delimiter`); LETTER_PDF_PART_ROWS sets the rows of a part
 * (see `pdfEngineSettings`).
 * @throws EnvironmentError when a worker crashes, runs out of memory, or the time runs out,
 *   or Typst refuses the template; for a LETTER_PDF_* variable that is not a number it takes.
 */
export async function typesetPrintEdition(
  data: PrintData,
  env: Record<string, string | undefined>,
): Promise<Buffer> {
  const { partRows, timeout } = pdfEngineSettings(env);
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
  const deadline = Date.now() + timeout * 1000;
  const run: TypstRun = (part, pdf) =>
    runWorker(worker, { data: part, template, fontPaths, pdf }, env, deadline, timeout);
  const { typesetPdf } = await import('../render/typst-pdf.js');
  return Buffer.from((await typesetPdf(data, run, partRows)).pdf);
}

type Answer =
  | { ok: true; pages: number; carry: number; pdf: Uint8Array | null }
  | { ok: false; typst: boolean; message: string };

/** One Typst run in a worker process, stopped at `deadline` (ms since 1970). */
async function runWorker(
  worker: string,
  job: { data: PartPrintData; template: string; fontPaths: string[]; pdf: boolean },
  env: Record<string, string | undefined>,
  deadline: number,
  timeout: number,
): ReturnType<TypstRun> {
  const child = fork(worker, [], {
    serialization: 'advanced',
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    env,
  });
  let stderr = '';
  child.stderr?.on('data', (b: Buffer) => {
    stderr = (stderr + b.toString('utf8')).slice(-2000);
  });
  const ended = await new Promise<{
    answer: Answer | undefined;
    exit: number | null;
    signal: string | null;
    timedOut: boolean;
  }>((resolve) => {
    let timedOut = false;
    const timer = setTimeout(
      () => {
        timedOut = true;
        child.kill('SIGKILL');
      },
      // A timer longer than 2^31 - 1 ms would fire at once.
      Math.min(Math.max(0, deadline - Date.now()), 2 ** 31 - 1),
    );
    let answer: Answer | undefined;
    child.on('message', (m: Answer) => {
      answer = m;
    });
    // A worker that cannot start (or be written to) may never exit: its error ends the run.
    child.on('error', (e) => {
      clearTimeout(timer);
      stderr ||= e.message;
      resolve({ answer: undefined, exit: null, signal: null, timedOut });
    });
    child.on('exit', (exit, signal) => {
      clearTimeout(timer);
      resolve({ answer: timedOut ? undefined : answer, exit, signal, timedOut });
    });
    child.send(job);
  });
  const { answer } = ended;
  if (answer?.ok) return { pages: answer.pages, carry: answer.carry, pdf: answer.pdf };
  if (answer)
    throw new EnvironmentError(
      answer.typst
        ? `Typst could not typeset the print edition: ${answer.message}`
        : `The PDF engine failed: ${answer.message}`,
      'Render --format print for the HTML print version meanwhile, and report this with the letter that caused it.',
    );
  if (ended.timedOut)
    throw new EnvironmentError(
      `The PDF engine (Typst) did not finish in ${timeout} s and was stopped.`,
      'Set LETTER_PDF_TIMEOUT to a longer time in seconds, or render --format print for the HTML print version.',
    );
  const how = ended.signal ? `was killed by ${ended.signal}` : `exited with code ${ended.exit}`;
  const memory =
    ended.signal === 'SIGKILL' || /out of memory|heap limit|memory allocation/i.test(stderr)
      ? ' (out of memory?)'
      : '';
  const said = stderr.trim() ? ` It said: ${stderr.trim().split('\n').at(-1)}` : '';
  throw new EnvironmentError(
    `The PDF engine (Typst) ${how}${memory} before the PDF was made.${said}`,
    'Free memory and try again, or set LETTER_PDF_PART_ROWS lower (rows typeset at a time, default 5000).',
  );
}
