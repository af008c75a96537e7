/** The human view of `letter sign`. */
import { signatureText } from '../storage/letter-store.js';
import type { Style } from '../terminal.js';
import type { SignResult } from './sign.js';

/** The human view of a sign: what was added and which files changed. */
export function formatSign(r: SignResult, style: Style): string {
  const head = r.dryRun
    ? `${style.yellow('Dry run:')} would sign ${style.bold(r.signature.name)} as ${r.signature.id}; nothing written.\n\n` +
      signatureText(r.signature).trimEnd().replace(/^/gm, '  ')
    : `${style.green('Signed:')} ${style.bold(r.signature.name)} (${r.signature.id}, ${r.signature.status})`;
  const pending = r.published
    ? []
    : [
        style.dim(
          `  This letter requires verification: renders show it after \`${style.command(`letter verify ${r.letter} ${r.signature.id}`)}\`.`,
        ),
      ];
  const similar = r.similar.map((m) =>
    style.yellow(`  recorded as a different person from ${m.id} ("${m.name}"): ${m.reason}`),
  );
  const possible = r.possible.map((m) =>
    style.dim(`  possibly the same person as ${m.id} ("${m.name}"): ${m.reason}`),
  );
  const commit = r.commit ? [`  committed ${r.commit} "Sign: ${r.signature.name}"`] : [];
  return [
    head,
    ...similar,
    ...possible,
    ...r.written.map((f) => `  wrote ${f}`),
    ...commit,
    ...pending,
  ].join('\n');
}
