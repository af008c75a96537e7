// Inputs an attacker would pick to make `letter` slow (issue 12): each is a whole process
// on a copy of the example letter, timed by run.js beside the ordinary figures. Every one
// must stay linear in its input: a pull request must not hold CI for minutes.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { rng } from './generate.js';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * Runs the hostile cases in `work` with `letter(args, opts)` (which times one process) and
 * reports each through `add(command, result)`. `root` is the repository, for the example letter.
 */
export function hostileCases(root, work, letter, add) {
  const rel = path.join('letters', 'hostile');
  const dir = path.join(work, rel);
  const fresh = () => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(path.dirname(dir), { recursive: true });
    cpSync(path.join(root, 'letters/time-to-act'), dir, { recursive: true });
  };
  const append = (file, text) =>
    writeFileSync(path.join(dir, file), readFileSync(path.join(dir, file), 'utf8') + text);

  // 10,000 names that share their initials and family names ("A. B. Smith", "J. K. Lee"): the
  // likely-duplicate search must not compare every row with every other.
  fresh();
  const r = rng(12);
  const family = ['Smith', 'Lee', 'Kim', 'Nguyen'];
  const seen = new Set();
  while (seen.size < 10_000) {
    const initials = Array.from(
      { length: 2 + Math.floor(r() * 2) },
      () => `${LETTERS[Math.floor(r() * 26)]}.`,
    ).join(' ');
    seen.add(`${initials} ${family[Math.floor(r() * family.length)]}`);
  }
  const csv = path.join(work, 'initials.csv');
  writeFileSync(
    csv,
    `name,country,group\n${[...seen].map((n) => `"${n}",FR,industry`).join('\n')}\n`,
  );
  add(
    'import 10,000 names sharing initials',
    letter(['import', csv, rel, '--allow-similar'], { ok: [0, 1] }),
  );

  // Long runs in the texts a pull request may touch: trailing spaces and an address-like run.
  fresh();
  append('letter.md', `${' '.repeat(1_000_000)}x\n`);
  add('check: letter.md, 1,000,000 spaces then a letter', letter(['check', rel], { ok: [0, 1] }));
  fresh();
  append('CHANGELOG.md', `${'a'.repeat(1_000_000)}@\n${'a@a.a'.repeat(100_000)}\n`);
  add('check: CHANGELOG.md, address-like runs', letter(['check', rel], { ok: [0, 1] }));

  // Thousands of unknown keys and deep nesting in letter.yaml (1 MB at most).
  fresh();
  append('letter.yaml', Array.from({ length: 40_000 }, (_, i) => `unknown_${i}: x\n`).join(''));
  add('check: letter.yaml, 40,000 unknown keys', letter(['check', rel], { ok: [0, 1] }));
  fresh();
  append('letter.yaml', `extra:\n${'- '.repeat(400_000)}x\n`);
  add('check: letter.yaml, 400,000 nested "- "', letter(['check', rel], { ok: [0, 1] }));
  rmSync(dir, { recursive: true, force: true });
}
