/** The rules of `letter check` about signatures made on an earlier text, and translations made from one. */
import { at, type Problem, problem } from '../../errors.js';
import { textVersion } from '../text-version.js';
import type { Rule } from './rule.js';

/** How many ids a message about signatures made on an earlier text names before "and N more". */
export const EARLIER_IDS_SHOWN = 5;

/**
 * `text-changed`: signatures (not withdrawn or rejected) made on an earlier text than the
 * body's (a warning), naming the first few that have not reconfirmed and the next steps:
 * `letter diff` from their version, `letter reconfirm` of their ids. Versions are named by
 * hash: check reads no git history (it runs the same in a shallow clone, and its result is
 * kept by the state of the files).
 */
export const textUnchangedSinceSigned: Rule = ({ body, bodyFile, signatures, shown }) => {
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
  const versions = [...new Set(earlier.map((s) => s.signature.text_version!))];
  const ids = earlier.slice(0, EARLIER_IDS_SHOWN).map((s) => s.signature.id);
  const more = earlier.length - ids.length;
  const named = `${ids.join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
  const diffs = versions.map((v) => `letter diff ${shown} ${v}`).join('; ');
  return [
    problem(
      'text-changed',
      at(bodyFile),
      `the text changed after people signed: ${earlier.length} ${earlier.length === 1 ? 'signature was' : 'signatures were'} made on ${versions.join(', ')} and not reconfirmed (${named}); the text is now ${current}`,
      `if the change is more than a correction, show them what changed (${diffs}) and ask them to reconfirm: letter reconfirm ${shown} ${ids.join(' ')}${more > 0 ? ' ...' : ''}`,
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
