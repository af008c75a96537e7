/**
 * `npm run eval:names`: how well `letter` finds the same person written another way, and how
 * rarely it holds back a new person who only looks like someone on the letter. Not a test:
 * it prints figures, and exits 1 when a target is missed.
 *
 * - Recall: eval/names/variants.csv holds pairs (a name, the same person written another
 *   way: transliteration, another script, initials, honorifics, order, spacing, short forms,
 *   double surnames), labelled by kind. Every existing name is put on a real list of
 *   thousands; each variant must be found as `exact`, `look-alike` or `likely` of its own
 *   person (what `sign` and `import` hold back and `check` reports).
 * - False alarms: distinct real-looking people (eval/names/distinct-people.ts, seeded),
 *   without the ones whose name is exactly a name of the list, are imported one by one onto
 *   the real list; a false alarm is a new person held back (`exact`, `look-alike` or
 *   `likely`) against anyone on the list.
 *
 * The real list is ../shared/data/real/rms-open-letter.csv (3,081 public signatories), or
 * the CSV named by LETTER_EVAL_LIST (a Name column). Targets: recall at least 95%, false
 * alarms at most 1 in 100 new people.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { type DuplicateMatch, NameIndex } from '../../src/letter/duplicates.js';
import { normaliseName } from '../../src/letter/names.js';
import { distinctPeople } from './distinct-people.js';

// Run from its bundle in dist/eval/: the repository is two folders up either way.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const here = path.join(root, 'eval/names');
const listFile =
  process.env.LETTER_EVAL_LIST ?? path.resolve(root, '../shared/data/real/rms-open-letter.csv');
const DISTINCT = Number(process.env.LETTER_EVAL_PEOPLE ?? 2000);

const held = (m: DuplicateMatch) =>
  m.kind === 'exact' || m.kind === 'look-alike' || m.kind === 'likely';

let list: { Name: string }[];
try {
  list = parse(readFileSync(listFile, 'utf8'), {
    columns: true,
    bom: true,
    skip_empty_lines: true,
  }) as { Name: string }[];
} catch (e) {
  console.error(
    `cannot read the real list ${listFile}: ${(e as Error).message}\nSet LETTER_EVAL_LIST to a CSV with a Name column.`,
  );
  process.exit(2);
}
const real = list.map((r) => r.Name?.trim()).filter((n): n is string => Boolean(n));
const pairs = parse(readFileSync(path.join(here, 'variants.csv'), 'utf8'), { columns: true }) as {
  existing: string;
  variant: string;
  kind: string;
}[];

// Recall: every existing name on the real list, each variant looked up.
const existing = [...new Set(pairs.map((p) => p.existing))];
const index = NameIndex.of([
  ...real.map((name, i) => ({ id: `real-${i}`, name, status: 'verified' })),
  ...existing.map((name, i) => ({ id: `person-${i}`, name, status: 'verified' })),
]);
const byKind = new Map<string, { n: number; found: number }>();
const missed: string[] = [];
for (const p of pairs) {
  const want = `person-${existing.indexOf(p.existing)}`;
  const found = index.find(p.variant).some((m) => m.id === want && held(m));
  const k = byKind.get(p.kind) ?? { n: 0, found: 0 };
  k.n++;
  if (found) k.found++;
  else {
    const best = index.find(p.variant).find((m) => m.id === want);
    missed.push(
      `  ${p.variant} / ${p.existing} (${p.kind})${best ? `: ${best.kind}, ${best.reason}` : ': not found'}`,
    );
  }
  byKind.set(p.kind, k);
}
const recallFound = [...byKind.values()].reduce((s, k) => s + k.found, 0);
const recall = recallFound / pairs.length;

// False alarms: new distinct people onto the real list.
const onList = new Set(real.map(normaliseName));
const people = distinctPeople(DISTINCT).filter((n) => !onList.has(normaliseName(n)));
const realIndex = NameIndex.of(
  real.map((name, i) => ({ id: `real-${i}`, name, status: 'verified' })),
);
const alarms: string[] = [];
let possible = 0;
for (const name of people) {
  const matches = realIndex.find(name);
  const hit = matches.find(held);
  if (hit) alarms.push(`  ${name} held back as ${hit.name} (${hit.kind}: ${hit.reason})`);
  else if (matches.length > 0) possible++;
}
const falseAlarms = alarms.length / people.length;

// Known different people (eval/names/different-people.csv), each pair alone on a list of the real names.
const different = parse(readFileSync(path.join(here, 'different-people.csv'), 'utf8'), {
  columns: true,
}) as { existing: string; new: string; why: string }[];
const wronglyHeld: string[] = [];
for (const d of different) {
  const one = NameIndex.of([
    ...real.map((name, i) => ({ id: `real-${i}`, name, status: 'verified' })),
    { id: 'known', name: d.existing, status: 'verified' },
  ]);
  const hit = one.find(d.new).find((m) => m.id === 'known' && held(m));
  if (hit) wronglyHeld.push(`  ${d.new} held back as ${d.existing} (${hit.reason}); ${d.why}`);
}

// Pairs inside the real list that check would report.
const inside = realIndex.pairs().filter((p) => p.match.kind === 'likely').length;

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
console.log(`Names evaluation (real list: ${path.relative(root, listFile)}, ${real.length} names)`);
console.log('');
console.log(
  `Recall on ${pairs.length} labelled variant spellings: ${recallFound}/${pairs.length} = ${pct(recall)} (target at least 95%)`,
);
for (const [kind, k] of [...byKind].sort((a, b) => a[0].localeCompare(b[0])))
  console.log(`  ${kind.padEnd(16)} ${k.found}/${k.n}`);
if (missed.length) console.log(`Missed:\n${missed.join('\n')}`);
console.log('');
console.log(
  `False alarms on ${people.length} distinct new people: ${alarms.length} = ${pct(falseAlarms)} (target at most 1.0%); ${possible} only reported as possible`,
);
if (alarms.length) console.log(alarms.join('\n'));
console.log(
  `Known different people (issue 11's false alarms and others): ${different.length - wronglyHeld.length}/${different.length} not held back`,
);
if (wronglyHeld.length) console.log(wronglyHeld.join('\n'));
console.log('');
console.log(`Likely pairs inside the real list (what letter check would warn about): ${inside}`);
const ok = recall >= 0.95 && falseAlarms <= 0.01 && wronglyHeld.length === 0;
console.log(ok ? 'Targets met.' : 'Targets missed.');
process.exit(ok ? 0 : 1);
