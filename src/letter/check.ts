/**
 * The rules of a valid letter beyond each file's own schema: slug and folder agree,
 * groups are known, every signature shown gives what the letter requires (`requires:`), no name signed twice after normalisation, the changelog is in step
 * with the signatures. Pure: it reads nothing, it returns problems.
 */
import type { Locate, Problem } from '../errors.js';
import {
  changelogHeader,
  changelogLine,
  changelogLines,
  forEachEventInOrder,
} from './changelog.js';
import { toIsoTimestamp } from './dates.js';
import { mixedScriptLetter, type NameSeed } from './duplicates.js';
import { erasedNames } from './erasure.js';
import { normaliseName } from './names.js';
import { publishable } from './publishing.js';
import type { ErasedRecord, LetterFile, RequirableField, Signature } from './schema.js';
import { sameNameConflicts, undecidedPairs } from './signatures.js';
import { sortAsLine, sortKeyToWrite } from './sort-key.js';
import { canonicalText } from './text.js';
import { textVersion } from './text-version.js';
import { isNormalUrl, normaliseUrl } from './urls.js';

/** What `checkLetter` needs: the parsed files with the names and locators of their files. */
export interface CheckInput {
  /** The folder's name, which must equal the slug. */
  folderName: string;
  /** How to name the letter in a suggested command, e.g. "letters/time-to-act". */
  shown: string;
  letter: LetterFile;
  letterFile: string;
  locateLetter: Locate;
  body: string | undefined;
  bodyFile: string;
  /** The translations' bodies, by language. */
  translations: Readonly<Record<string, { file: string; text: string | undefined }>>;
  /** With `key`, the name's normal form when known, which saves normalising each name again. */
  signatures: readonly {
    signature: Signature;
    file: string;
    locate: Locate;
    key?: string;
    seed?: NameSeed;
  }[];
  /** Erasure records: a signature whose name has an erased fingerprint is an error. */
  erased: readonly ErasedRecord[];
  /** CHANGELOG.md as text; or as its bytes (UTF-8), compared without decoding a changelog of a million lines. */
  changelog?: string | undefined;
  changelogBytes?: Uint8Array | undefined;
  changelogFile: string;
  /** Now, for dates in the future. */
  now: Date;
  /** How many signature files could not be read; the changelog is only compared when none. */
  unreadSignatures: number;
}

/** Past this many signatures, a letter keeps its files in shards (`layout: sharded`), so that no folder holds them all. */
export const FLAT_LAYOUT_LIMIT = 100_000;

/** How to put right a signature that lacks a field the letter requires; `shown` names the letter, `groups` its group ids. */
const REQUIRED_HINT: Record<RequirableField, (shown: string, groups: string[]) => string> = {
  country: () =>
    'add country: with an ISO 3166-1 alpha-2 code such as GB, or remove country from requires in letter.yaml',
  role: () => 'add role:, or remove role from requires in letter.yaml',
  organisation: () => 'add organisation:, or remove organisation from requires in letter.yaml',
  group: (_, groups) =>
    `add group: with one of ${groups.join(', ') || '(the letter declares none)'}, or remove group from requires in letter.yaml`,
};

/**
 * A link not stored in its normal form (urls.ts): what a reviewer reads must be where a browser
 * goes, so an international domain name shows as Punycode and nothing is left for the parser to change.
 */
function notNormalUrl(
  file: string,
  pos: { line: number; column: number },
  field: string,
  url: string,
  shown: string,
): Problem {
  return {
    file,
    ...pos,
    severity: 'error',
    code: 'url-not-normal',
    message: `${field} is not in the normal form a browser reads it in: ${normaliseUrl(url)}`,
    hint: `run letter fmt ${shown} to rewrite it`,
  };
}

/** Every rule-level problem of a letter whose files each parsed; errors before warnings is not guaranteed. */
export function checkLetter(input: CheckInput): Problem[] {
  const { letter, letterFile, locateLetter } = input;
  const problems: Problem[] = [];
  const at = (file: string, pos: { line: number; column: number }) => ({ file, ...pos });

  if (letter.slug !== input.folderName)
    problems.push({
      ...at(letterFile, locateLetter(['slug'])),
      severity: 'error',
      code: 'slug-mismatch',
      message: `slug "${letter.slug}" differs from the folder name "${input.folderName}"`,
      hint: `rename the folder or set slug: ${input.folderName}`,
    });

  const groupIds = new Map<string, number>();
  letter.groups.forEach((g, i) => {
    if (groupIds.has(g.id))
      problems.push({
        ...at(letterFile, locateLetter(['groups', i, 'id'])),
        severity: 'error',
        code: 'duplicate-group',
        message: `group id "${g.id}" is declared twice`,
        hint: 'give each group its own id',
      });
    groupIds.set(g.id, i);
  });

  letter.organisers.forEach((o, i) => {
    if (o.url !== undefined && !isNormalUrl(o.url))
      problems.push(
        notNormalUrl(
          letterFile,
          locateLetter(['organisers', i, 'url']),
          `organisers[${i}].url`,
          o.url,
          input.shown,
        ),
      );
  });
  if (letter.sign_url !== undefined && !isNormalUrl(letter.sign_url))
    problems.push(
      notNormalUrl(
        letterFile,
        locateLetter(['sign_url']),
        'sign_url',
        letter.sign_url,
        input.shown,
      ),
    );

  if (letter.requires.includes('group') && letter.groups.length === 0)
    problems.push({
      ...at(letterFile, locateLetter(['requires'])),
      severity: 'error',
      code: 'requires-groups',
      message: 'requires group, but the letter declares no groups',
      hint: 'declare groups: in letter.yaml, or remove group from requires',
    });

  if (input.body !== undefined && input.body.trim() === '')
    problems.push({
      file: input.bodyFile,
      line: 1,
      column: 1,
      severity: 'warning',
      code: 'empty-body',
      message: 'the letter has no text yet',
    });

  // The same name twice is an error until a person decides they are two people and something tells them apart; never next to a fake.
  const conflicts = new Map(
    sameNameConflicts(
      input.signatures.map((e) => e.signature),
      (s, i) => input.signatures[i]!.key ?? normaliseName(s.name),
    ).map((c) => [c.at, c]),
  );
  const entryOf = new Map(input.signatures.map((e) => [e.signature, e]));
  const ids = new Set([
    ...input.signatures.map((e) => e.signature.id),
    ...input.erased.map((e) => e.id),
  ]);
  const erasedAs = erasedNames(input.erased, letter.slug);
  const nowIso = toIsoTimestamp(input.now);
  for (const [n, entry] of input.signatures.entries()) {
    // The file and the locator are only asked for a problem (the locator may parse the file again).
    const s = entry.signature;
    if (s.group !== undefined && !groupIds.has(s.group))
      problems.push({
        ...at(entry.file, entry.locate(['group'])),
        severity: 'error',
        code: 'unknown-group',
        message: `group "${s.group}" is not a group of this letter`,
        hint: `use one of: ${[...groupIds.keys()].join(', ') || '(the letter declares none)'}`,
      });
    // What the letter requires (`requires:`) of the signatures it shows or may show; a
    // withdrawn or rejected record stays as it was made, whatever the letter asks later.
    if (letter.requires.length > 0 && (s.status === 'pending' || s.status === 'verified')) {
      for (const field of letter.requires) {
        if (s[field] !== undefined) continue;
        problems.push({
          ...at(entry.file, entry.locate([])),
          severity: 'error',
          code: `missing-${field}`,
          message: `missing required field "${field}" (letter.yaml requires it)`,
          hint: REQUIRED_HINT[field](input.shown, [...groupIds.keys()]),
        });
      }
    }

    const erasure = erasedAs(s.name, entry.key);
    if (erasure)
      problems.push({
        ...at(entry.file, entry.locate(['name'])),
        severity: 'error',
        code: 'erased-name',
        message: `"${s.name}" was erased from this letter at the signatory's request (${erasure.id}) and must not come back`,
        hint: `delete ${entry.file}`,
      });
    const conflict = conflicts.get(n);
    if (conflict) {
      const { blamed, other, fake, recorded } = conflict;
      const later = entryOf.get(blamed)!;
      const lookAlike = mixedScriptLetter(blamed.name) ?? mixedScriptLetter(other.name);
      problems.push({
        ...at(later.file, later.locate(['name'])),
        severity: 'error',
        code: 'duplicate-name',
        message: `"${blamed.name}" is the same name as signature ${other.id} ("${other.name}"${other.status === 'rejected' ? ', rejected as fake' : ''}) after normalisation${recorded && !fake ? ', and nothing tells the two apart' : ''}`,
        hint: lookAlike
          ? `one is written in look-alike letters: delete ${later.file}`
          : fake
            ? `the name of a fake stays out for good: delete ${later.file}`
            : recorded
              ? 'give each a url or github login of their own that tells them apart (they are recorded as different people)'
              : `if they are different people: give each a url or github login of their own, then letter distinct ${input.shown} ${blamed.id} ${other.id}; else withdraw one of them`,
      });
    }
    for (const [i, other] of (s.distinct_from ?? []).entries()) {
      const why =
        other === s.id
          ? 'is the signature itself'
          : (s.distinct_from ?? []).indexOf(other) < i
            ? 'is listed twice'
            : !ids.has(other)
              ? 'is not a signature of this letter'
              : undefined;
      if (why)
        problems.push({
          ...at(entry.file, entry.locate(['distinct_from', i])),
          severity: 'error',
          code: 'distinct-from-invalid',
          message: `distinct_from: "${other}" ${why}`,
          hint: 'list the ids of other signatures with the same or a likely-same name; letter distinct writes them',
        });
    }
    const mixed = mixedScriptLetter(s.name);
    if (mixed)
      problems.push({
        ...at(entry.file, entry.locate(['name'])),
        severity: 'error',
        code: 'mixed-script',
        message: `"${s.name}" mixes scripts in one word: "${mixed.char}" (${mixed.codePoint}, ${mixed.script}) inside "${mixed.word}"`,
        hint: "type the name again in one script; a letter of another script can pass for someone else's name (Unicode TR39)",
      });

    for (const [field, value] of [
      ['signed_at', s.signed_at],
      ['verified', s.verified?.at],
      ['withdrawn', s.withdrawn?.at],
    ] as const) {
      if (value !== undefined && value > nowIso)
        problems.push({
          ...at(entry.file, entry.locate(field === 'signed_at' ? [field] : [field, 'at'])),
          severity: 'warning',
          code: 'future-date',
          message: `${field === 'signed_at' ? 'signed_at' : `${field}.at`} ${value} is in the future`,
        });
    }
    for (const [url, where] of [
      [s.url, ['url']],
      [s.verified?.evidence, ['verified', 'evidence']],
    ] as const)
      if (url !== undefined && !isNormalUrl(url))
        problems.push(
          notNormalUrl(entry.file, entry.locate([...where]), where.join('.'), url, input.shown),
        );
    if (s.verified && s.verified.at < s.signed_at)
      problems.push({
        ...at(entry.file, entry.locate(['verified', 'at'])),
        severity: 'error',
        code: 'date-order',
        message: `verified.at ${s.verified.at} is before signed_at ${s.signed_at}`,
      });
    if (s.withdrawn && s.withdrawn.at < s.signed_at)
      problems.push({
        ...at(entry.file, entry.locate(['withdrawn', 'at'])),
        severity: 'error',
        code: 'date-order',
        message: `withdrawn.at ${s.withdrawn.at} is before signed_at ${s.signed_at}`,
      });
  }

  const files = input.signatures.length + input.erased.length;
  if ((letter.layout ?? 'flat') === 'flat' && files > FLAT_LAYOUT_LIMIT)
    problems.push({
      file: letterFile,
      line: 1,
      column: 1,
      severity: 'warning',
      code: 'flat-layout-full',
      message: `${files.toLocaleString('en')} signature files in one folder; past ${FLAT_LAYOUT_LIMIT.toLocaleString('en')}, file systems and git slow down`,
      hint: `move them into shards: letter fmt ${input.shown} --layout sharded`,
    });
  problems.push(...checkLikelyDuplicates(input));
  problems.push(...checkTextVersions(input));
  problems.push(...checkSortKeys(input));
  if (input.unreadSignatures === 0) problems.push(...checkChangelog(input));
  return problems;
}

/**
 * Signatures (pending or verified) whose names likely belong to one person and that no
 * person has decided about (see `undecidedPairs`): a warning on the later one. Exact names
 * are `duplicate-name` errors above.
 */
function checkLikelyDuplicates(input: CheckInput): Problem[] {
  const live = input.signatures.filter(
    (e) => e.signature.status === 'pending' || e.signature.status === 'verified',
  );
  if (live.length < 2) return [];
  const entries = new Map(live.map((e) => [e.signature, e]));
  return undecidedPairs(
    live.map((e) => e.signature),
    undefined,
    live.map((e) => e.seed),
  )
    .filter((p) => p.match.kind === 'likely' || p.match.kind === 'same-email')
    .map(({ earlier, later, match }) => {
      const e = entries.get(later)!;
      return {
        file: e.file,
        ...e.locate(['name']),
        severity: 'warning' as const,
        code: 'likely-duplicate',
        message: `"${later.name}" is likely the same person as ${earlier.id} ("${earlier.name}"): ${match.reason}`,
        hint: `if they are different people: letter distinct ${input.shown} ${later.id} ${earlier.id}; else withdraw or reject one of them`,
      };
    });
}

/** Past this many published signatures without `sort_as`, `checkSortKeys` gives one warning for them all. */
export const SORT_KEY_WARNINGS_LIMIT = 20;

/**
 * Published signatures (pending or verified) without `sort_as` whose derived key
 * (sort-key.ts) differs from the name, so that renders sort them by the given name: one
 * warning each with the line to add, or past `SORT_KEY_WARNINGS_LIMIT` one for them all.
 */
function checkSortKeys(input: CheckInput): Problem[] {
  const lacking: { entry: CheckInput['signatures'][number]; key: string }[] = [];
  for (const entry of input.signatures) {
    const s = entry.signature;
    if (s.sort_as !== undefined || (s.status !== 'pending' && s.status !== 'verified')) continue;
    const key = sortKeyToWrite(s.name, { language: input.letter.language });
    if (key !== undefined) lacking.push({ entry, key });
  }
  const message = (n: number) =>
    `${n} published ${n === 1 ? 'signature has' : 'signatures have'} no sort_as: renders sort ${n === 1 ? 'it' : 'them'} by the name as displayed, given name first`;
  if (lacking.length > SORT_KEY_WARNINGS_LIMIT) {
    const { entry, key } = lacking[0]!;
    return [
      {
        file: entry.file,
        ...entry.locate(['name']),
        severity: 'warning',
        code: 'sort-key-missing',
        message: `${message(lacking.length)} (the first: ${entry.file})`,
        hint: `fill them all in with: letter fmt ${input.shown} --sort-keys (here: ${sortAsLine(key)})`,
      },
    ];
  }
  return lacking.map(({ entry, key }) => ({
    file: entry.file,
    ...entry.locate(['name']),
    severity: 'warning' as const,
    code: 'sort-key-missing',
    message: `"${entry.signature.name}" has no sort_as: renders sort it by the name as displayed, given name first`,
    hint: `add the line: ${sortAsLine(key)}`,
  }));
}

/** Signatures made on an earlier text, and translations made from one. */
function checkTextVersions(input: CheckInput): Problem[] {
  if (input.body === undefined) return [];
  const problems: Problem[] = [];
  const current = textVersion(input.body);
  const earlier = input.signatures.filter(
    (s) =>
      s.signature.text_version !== undefined &&
      s.signature.text_version !== current &&
      s.signature.status !== 'withdrawn' &&
      s.signature.status !== 'rejected',
  );
  if (earlier.length > 0) {
    const versions = [...new Set(earlier.map((s) => s.signature.text_version))].join(', ');
    problems.push({
      file: input.bodyFile,
      line: 1,
      column: 1,
      severity: 'warning',
      code: 'text-changed',
      message: `the text changed after people signed: ${earlier.length} ${earlier.length === 1 ? 'signature was' : 'signatures were'} made on ${versions}; the text is now ${current}`,
      hint: 'if the change is more than a correction, ask them to confirm',
    });
  }
  for (const [lang, t] of Object.entries(input.letter.translations ?? {})) {
    const body = input.translations[lang];
    if (body?.text === undefined)
      problems.push({
        file: input.letterFile,
        ...input.locateLetter(['translations', lang]),
        severity: 'error',
        code: 'missing-translation',
        message: `the ${lang} translation has no text: letter.${lang}.md does not exist`,
        hint: `write letter.${lang}.md or remove translations.${lang}`,
      });
    else if (t.source !== current)
      problems.push({
        file: input.letterFile,
        ...input.locateLetter(['translations', lang, 'source']),
        severity: 'warning',
        code: 'translation-outdated',
        message: `the ${lang} translation was made from the text ${t.source}; the text is now ${current}`,
        hint: `update letter.${lang}.md, then set translations.${lang}.source: ${current}`,
      });
  }
  return problems;
}

function checkChangelog(input: CheckInput): Problem[] {
  const fix = `run: letter changelog ${input.shown}`;
  const bytes = input.changelogBytes;
  if (input.changelog === undefined && bytes === undefined)
    return [
      {
        file: input.changelogFile,
        line: 1,
        column: 1,
        severity: 'error',
        code: 'changelog-missing',
        message: 'CHANGELOG.md is missing',
        hint: fix,
      },
    ];
  // The events of the signatures the publishing gate lets through: what `letter` writes (see `publishedChangelog`).
  const all = input.signatures.map((s) => s.signature);
  const gate = publishable(
    input.letter,
    all,
    input.erased,
    input.signatures.map((s) => s.key),
  );
  const signatures = gate.leftOut.length === 0 ? all : gate.signatures;
  const header = changelogHeader(input.letter);
  // Line by line against the file as it is, each line made as it is compared: a changelog of
  // a million lines is neither joined nor held whole. Line endings, a byte-order mark and
  // the final newlines are form, not content (`letter fmt` settles them).
  const compare =
    bytes && !bytes.includes(13)
      ? bytesMatcher(bytes)
      : textMatcher(input.changelog ?? new TextDecoder().decode(bytes));
  let first = true;
  const inStep =
    header.every(compare.matches) &&
    forEachEventInOrder(signatures, input.erased, (e) => {
      if (first && !compare.matches('')) return false;
      first = false;
      return compare.matches(changelogLine(e));
    });
  if (inStep && compare.atEnd()) return [];
  const text = canonicalText(input.changelog ?? new TextDecoder().decode(bytes));
  const have = text.split('\n');
  const want = changelogLines(input.letter, signatures, input.erased);
  want.push('');
  if (input.letter.changelog === 'on-merge') {
    // Pull requests leave CHANGELOG.md alone; it may lag behind, but never say what no signature says.
    const wanted = new Set(want);
    const present = new Set(have);
    if (have.every((l) => !l.startsWith('- ') || wanted.has(l))) {
      const missing = want.filter((l) => l.startsWith('- ') && !present.has(l)).length;
      return [
        {
          file: input.changelogFile,
          line: 1,
          column: 1,
          severity: 'warning',
          code: 'changelog-behind',
          message: `CHANGELOG.md lacks ${missing} ${missing === 1 ? 'event' : 'events'} (this letter refreshes it after merges)`,
          hint: fix,
        },
      ];
    }
  }
  let i = 0;
  while (i < want.length && i < have.length && want[i] === have[i]) i++;
  // git's union merge driver (`CHANGELOG.md merge=union`, written by `letter init`) keeps the
  // lines of both branches, ours then theirs: the right events, not always in time order.
  if (i > header.length && sameLines(have, want))
    return [
      {
        file: input.changelogFile,
        line: i + 1,
        column: 1,
        severity: 'warning',
        code: 'changelog-order',
        message:
          'CHANGELOG.md lists the right events out of time order (as a union merge of two branches leaves it)',
        hint: fix,
      },
    ];
  const column = commonPrefix(want[i] ?? '', have[i] ?? '') + 1;
  const message =
    want[i] === undefined || (want[i] === '' && i === want.length - 1)
      ? `CHANGELOG.md is out of step with the signatures: line ${i + 1} and after match no signature`
      : `CHANGELOG.md is out of step with the signatures: line ${i + 1} should read "${want[i]}"`;
  return [
    {
      file: input.changelogFile,
      line: i + 1,
      column,
      severity: 'error',
      code: 'changelog-stale',
      message,
      hint: fix,
    },
  ];
}

/** Whether two lists hold the same lines, each as many times, in any order. */
function sameLines(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const x = [...a].sort();
  const y = [...b].sort();
  return x.every((l, k) => l === y[k]);
}

/** Compares the lines of a text one at a time, from the start: `matches(line)`, then `atEnd()` once all were given. */
interface LineMatcher {
  matches: (line: string) => boolean;
  atEnd: () => boolean;
}

function textMatcher(source: string): LineMatcher {
  const text = canonicalText(source);
  const end = text.length - 1;
  let at = 0;
  return {
    matches: (line) => {
      const next = at + line.length;
      const same = text.slice(at, next) === line && (next === end || text.charCodeAt(next) === 10);
      at = next + 1;
      return same;
    },
    atEnd: () => at === end + 1,
  };
}

/** As `textMatcher`, on UTF-8 bytes without carriage returns: each line is encoded and compared where it should be. */
function bytesMatcher(bytes: Uint8Array): LineMatcher {
  const encoder = new TextEncoder();
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf ? 3 : 0;
  let end = data.length;
  while (end > at && data[end - 1] === 10) end--;
  let scratch = Buffer.allocUnsafe(4096);
  return {
    matches: (line) => {
      // A UTF-8 line takes at most three bytes per UTF-16 unit.
      if (scratch.length < line.length * 3) scratch = Buffer.allocUnsafe(line.length * 3);
      const { written } = encoder.encodeInto(line, scratch);
      const next = at + written;
      const same =
        next <= end &&
        data.compare(scratch, 0, written, at, next) === 0 &&
        (next === end || data[next] === 10);
      at = next + 1;
      return same;
    },
    atEnd: () => at === end + 1,
  };
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
