/** The rules of `letter check` about signatures made on an earlier text, and translations made from one. */
import { at, type Problem, problem } from '../../errors.js';
import { textVersion } from '../text-version.js';
import type { Rule } from './rule.js';

/** `text-changed`: signatures (not withdrawn or rejected) made on an earlier text than the body's (a warning). */
export const textUnchangedSinceSigned: Rule = ({ body, bodyFile, signatures }) => {
  if (body === undefined) return [];
  const current = textVersion(body);
  const earlier = signatures.filter(
    (s) =>
      s.signature.text_version !== undefined &&
      s.signature.text_version !== current &&
      s.signature.status !== 'withdrawn' &&
      s.signature.status !== 'rejected',
  );
  if (earlier.length === 0) return [];
  const versions = [...new Set(earlier.map((s) => s.signature.text_version))].join(', ');
  return [
    problem(
      'text-changed',
      at(bodyFile),
      `the text changed after people signed: ${earlier.length} ${earlier.length === 1 ? 'signature was' : 'signatures were'} made on ${versions}; the text is now ${current}`,
      'if the change is more than a correction, ask them to confirm',
      'warning',
    ),
  ];
};

/**
 * `missing-translation`: each translation letter.yaml declares has its text;
 * `translation-outdated`: and was made from the current text (a warning).
 */
export const translationsUpToDate: Rule = (input) => {
  if (input.body === undefined) return [];
  const current = textVersion(input.body);
  const problems: Problem[] = [];
  for (const [lang, t] of Object.entries(input.letter.translations ?? {})) {
    if (input.translations[lang]?.text === undefined)
      problems.push(
        problem(
          'missing-translation',
          at(input.letterFile, input.locateLetter(['translations', lang])),
          `the ${lang} translation has no text: letter.${lang}.md does not exist`,
          `write letter.${lang}.md or remove translations.${lang}`,
        ),
      );
    else if (t.source !== current)
      problems.push(
        problem(
          'translation-outdated',
          at(input.letterFile, input.locateLetter(['translations', lang, 'source'])),
          `the ${lang} translation was made from the text ${t.source}; the text is now ${current}`,
          `update letter.${lang}.md, then set translations.${lang}.source: ${current}`,
        ),
      );
  }
  return problems;
};
