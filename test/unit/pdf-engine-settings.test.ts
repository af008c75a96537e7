import { describe, expect, it } from 'vitest';
import { EnvironmentError } from '../../src/errors.js';
import { pdfEngineSettings } from '../../src/storage/pdf-engine.js';

describe('pdfEngineSettings', () => {
  it.each([
    [{}, { partRows: 5000, timeout: 600 }],
    [
      { LETTER_PDF_PART_ROWS: '', LETTER_PDF_TIMEOUT: ' ' },
      { partRows: 5000, timeout: 600 },
    ],
    [
      { LETTER_PDF_PART_ROWS: '100', LETTER_PDF_TIMEOUT: '0.05' },
      { partRows: 100, timeout: 0.05 },
    ],
    [
      { LETTER_PDF_PART_ROWS: '20000', LETTER_PDF_TIMEOUT: '1200' },
      { partRows: 20000, timeout: 1200 },
    ],
  ])('%j', (env, settings) => {
    expect(pdfEngineSettings(env)).toEqual(settings);
  });

  it.each([
    ['LETTER_PDF_PART_ROWS', '0', 'a whole number of rows of at least 100 (default 5000)'],
    ['LETTER_PDF_PART_ROWS', '-1', 'a whole number of rows of at least 100 (default 5000)'],
    ['LETTER_PDF_PART_ROWS', 'abc', 'a whole number of rows of at least 100 (default 5000)'],
    ['LETTER_PDF_PART_ROWS', '99', 'a whole number of rows of at least 100 (default 5000)'],
    ['LETTER_PDF_PART_ROWS', '150.5', 'a whole number of rows of at least 100 (default 5000)'],
    ['LETTER_PDF_TIMEOUT', '0', 'a number of seconds above 0 (default 600)'],
    ['LETTER_PDF_TIMEOUT', '-1', 'a number of seconds above 0 (default 600)'],
    ['LETTER_PDF_TIMEOUT', 'abc', 'a number of seconds above 0 (default 600)'],
    ['LETTER_PDF_TIMEOUT', '10m', 'a number of seconds above 0 (default 600)'],
  ])('%s=%s is refused', (name, value, takes) => {
    const e = (() => {
      try {
        pdfEngineSettings({ [name]: value });
      } catch (e) {
        return e;
      }
    })();
    expect(e).toBeInstanceOf(EnvironmentError);
    expect((e as EnvironmentError).exitCode).toBe(2);
    expect((e as Error).message).toBe(`${name} is "${value}": it takes ${takes}.`);
  });
});
