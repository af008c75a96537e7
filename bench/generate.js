// Deterministic synthetic letters for benchmarks: realistic names (a tenth in non-Latin
// scripts, many with accents), groups, countries and dates, from a fixed seed.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import anyAscii from 'any-ascii';

const FIRST = [
  'Ana',
  'José',
  'Zoë',
  'Łukasz',
  'Søren',
  'Chloé',
  'Mário',
  'Ingrid',
  'Tomáš',
  'Aoife',
  'Björn',
  'Élodie',
  'Giuseppe',
  'Hana',
  'Iñaki',
  'Jürgen',
  'Kateřina',
  'Léa',
  'Mateus',
  'Noémie',
  'Oğuz',
  'Paweł',
  'Renée',
  'Sébastien',
  'Thảo',
  'Ugo',
  'Vítor',
  'Wojciech',
  'Xavière',
  'Yusuf',
  'Zsófia',
  'Amara',
  'Bongani',
  'Chidi',
  'Dimakatso',
  'Emeka',
  'Fatou',
  'Gustavo',
  'Hamid',
  'Ifeoma',
  'Jamal',
  'Kwame',
  'Laila',
  'Mehmet',
  'Nadia',
  'Omar',
  'Priya',
  'Rahul',
  'Sana',
  'Tariq',
  'Uma',
  'Vikram',
  'Wanjiru',
  'Yara',
  'Zainab',
  'Margaret',
  'Peter',
  'Eugene',
  'Desmond',
  'Igor',
];
const LAST = [
  'García',
  'Müller',
  'Nowak',
  'Rossi',
  'Dubois',
  'Novák',
  'Jensen',
  'Silva',
  'Kowalski',
  'Öztürk',
  'Nguyễn',
  'Ferreira',
  'Lindqvist',
  'Ó Briain',
  'Pérez',
  'Schäfer',
  'Horváth',
  'Papadopoulos',
  'Hernández',
  'Żuraw',
  'Okafor',
  'Mensah',
  'Adeyemi',
  'Banda',
  'Diallo',
  'Haddad',
  'Khan',
  'Rahman',
  'Sharma',
  'Patel',
  'Wanjiku',
  'Mwangi',
  'Abebe',
  'Tesfaye',
  'Kariuki',
  'Moreau',
  'Lefèvre',
  'Fontaine',
  'Castro',
  'Ramírez',
  'Santos',
  'Costa',
  'Bianchi',
  'Esposito',
  'Weber',
  'Wagner',
  'Becker',
  'Hoffmann',
  'Lehmann',
  'Kovač',
];
const NON_LATIN = [
  ['Иван', 'Мария', 'Алексей', 'Ольга', 'Дмитрий', 'Наталья'],
  ['Петров', 'Смирнова', 'Кузнецов', 'Попова', 'Соколов', 'Лебедева'],
  ['王', '李', '张', '刘', '陈', '杨'],
  ['伟', '芳', '娜', '敏', '静', '磊'],
  ['محمد', 'فاطمة', 'أحمد', 'مريم'],
  ['الحسيني', 'العلي', 'الخطيب', 'النجار'],
];
const GROUPS = [
  ['heads-of-state', 'Former heads of state'],
  ['ministers', 'Former ministers'],
  ['laureates', 'Nobel laureates'],
  ['civil-society', 'Civil society'],
  ['industry', 'Industry'],
  ['academia', 'Academia'],
];
const COUNTRIES = [
  'US',
  'GB',
  'FR',
  'DE',
  'ES',
  'IT',
  'PL',
  'CZ',
  'SE',
  'NO',
  'DK',
  'IE',
  'PT',
  'BR',
  'MX',
  'AR',
  'NG',
  'GH',
  'KE',
  'ZA',
  'ET',
  'EG',
  'IN',
  'PK',
  'BD',
  'CN',
  'JP',
  'KR',
  'VN',
  'TR',
  'RU',
  'UA',
  'JO',
  'CH',
];
const ROLES = [
  'Professor',
  'Former Minister of Health',
  'Chief Executive Officer',
  'Director',
  'Physician',
  'Researcher',
  'Nurse',
  'Engineer',
  'Senator',
  'Ambassador',
];

/** A small, seeded PRNG (mulberry32). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (r, list) => list[Math.floor(r() * list.length)];
const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** `count` unique names; a tenth in Cyrillic, Chinese or Arabic script. */
export function names(count, seed = 42) {
  const r = rng(seed);
  const seen = new Set();
  const out = [];
  while (out.length < count) {
    let name;
    if (r() < 0.1) {
      const k = Math.floor(r() * 3) * 2;
      name =
        k === 2
          ? `${pick(r, NON_LATIN[k])}${pick(r, NON_LATIN[k + 1])}${pick(r, NON_LATIN[k + 1])}`
          : `${pick(r, NON_LATIN[k])} ${pick(r, NON_LATIN[k + 1])} ${pick(r, NON_LATIN[k + 1])}`;
    } else {
      name = `${pick(r, FIRST)} ${pick(r, FIRST)} ${pick(r, LAST)}${r() < 0.5 ? ` ${pick(r, LAST)}` : ''}`;
    }
    if (seen.has(fold(name))) continue;
    seen.add(fold(name));
    out.push(name);
  }
  return out;
}

/** An id from a name as `letter sign` makes one (see idForName in src/letter/names.ts), unique in `taken`. */
function idOf(name, taken) {
  const base =
    anyAscii(name.normalize('NFKC'))
      .toLowerCase()
      .replace(/['`]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'signature';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/**
 * Writes a letter of `count` signatures under `dir` (replacing it) and returns its folder.
 * Ids come from the names, as `letter sign` makes them. With `sharded`, the files go in
 * shard folders (`layout: sharded`), as letters past 100,000 signatures keep them.
 * `extra` more names (after the letter's) are returned for a CSV to import.
 */
export function generateLetter(dir, count, seed = 42, { sharded = false, extra = 0 } = {}) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'signatures'), { recursive: true });
  const groups = GROUPS.map(([id, name]) => `  - id: ${id}\n    name: ${name}\n`).join('');
  writeFileSync(
    path.join(dir, 'letter.yaml'),
    `title: Benchmark letter\nslug: ${path.basename(dir)}\naddressee: the benchmark\norganisers:\n  - name: Bench\nstatus: open\nopened: "2020-01-01"\nlanguage: en\ngroups:\n${groups}body: letter.md\nverification: optional\n${sharded ? 'layout: sharded\n' : ''}`,
  );
  writeFileSync(path.join(dir, 'letter.md'), 'A letter for measuring `letter`.\n');
  const r = rng(seed + 1);
  const all = names(count + extra, seed);
  const list = all.slice(0, count);
  const taken = new Set();
  const made = new Set();
  const start = Date.UTC(2020, 0, 1);
  list.forEach((name, i) => {
    const at = new Date(
      start + Math.floor((i / count) * 365 * 86400_000) + Math.floor(r() * 3600_000),
    )
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
    const quoted = JSON.stringify(name);
    const later = (hours) =>
      new Date(Date.parse(at) + hours * 3600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    // Most are verified, some still pending, a few withdrawn.
    const fate = r();
    const status =
      fate < 0.6
        ? `status: verified\nverified:\n  by: Bench Team\n  at: ${later(20)}\n`
        : fate < 0.98
          ? 'status: pending\n'
          : `status: withdrawn\nwithdrawn:\n  at: ${later(30)}\n  reason: asked to be removed\n`;
    const text = `name: ${quoted}\nrole: ${pick(r, ROLES)}\ncountry: ${pick(r, COUNTRIES)}\ngroup: ${pick(r, GROUPS)[0]}\nsigned_at: ${at}\n${status}`;
    const id = idOf(name, taken);
    const folder = sharded
      ? path.join(dir, 'signatures', id.slice(0, 2))
      : path.join(dir, 'signatures');
    if (sharded && !made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    writeFileSync(path.join(folder, `${id}.yaml`), text);
  });
  return { dir, extra: all.slice(count) };
}

/** Writes a CSV of signatories (name, role, country, group) for `letter import`. */
export function writeCsv(file, list, seed = 7) {
  const r = rng(seed);
  const quote = (v) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const rows = list.map((name) =>
    [name, pick(r, ROLES), pick(r, COUNTRIES), pick(r, GROUPS)[0]].map(quote).join(','),
  );
  writeFileSync(file, `name,role,country,group\n${rows.join('\n')}\n`);
}
