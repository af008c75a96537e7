/** The human view of `letter answer`. */
import type { Style } from '../terminal.js';
import type { AnswerResult } from './answer.js';

/** What was recorded, the files written, and for an agreement the signature made. */
export function formatAnswer(r: AnswerResult, style: Style): string {
  const i = r.invitation;
  const s = r.signature;
  const head =
    r.answer === 'agreed' && s
      ? `${style.green('Agreed:')} ${style.bold(i.name)} (${i.id}) signed as ${s.id} (${s.status}${s.verified ? ` by ${s.verified.by}` : ''}), text ${s.text_version}, consent ${r.consent}`
      : `${style.yellow(r.answer === 'declined' ? 'Declined:' : 'No answer:')} ${style.bold(i.name)} (${i.id}); kept in the private store only`;
  return [head, ...r.written.map((f) => `  wrote ${f}`)].join('\n');
}
