/**
 * The rules of `letter check` about each signature file: its group and the fields the letter
 * requires, its name (erased, signed twice, in mixed scripts), `distinct_from`, its dates and links.
 */
import { at, type Problem, type ProblemCode, problem } from '../../errors.js';
import { toIsoTimestamp } from '../dates.js';
import { mixedScriptLetter } from '../duplicates.js';
import { erasedNames } from '../erasure.js';
import { normaliseName } from '../names.js';
import type { RequirableField } from '../schema.js';
import { sameNameConflicts } from '../signatures.js';
import { isNormalUrl } from '../urls.js';
import { type CheckInput, notNormalUrl, type SignatureRule } from './rule.js';

/** The letter's group ids, each once, in the order declared. */
const groupIdsOf = (input: CheckInput) => [...new Set(input.letter.groups.map((g) => g.id))];

/** `unknown-group`: a signature's group is one the letter declares. */
export const groupKnown: SignatureRule = (input) => {
  const groups = groupIdsOf(input);
  return (e) =>
    e.signature.group === undefined || groups.includes(e.signature.group)
      ? []
      : [
          problem(
            'unknown-group',
            at(e.file, e.locate(['group'])),
            `group "${e.signature.group}" is not a group of this letter`,
            `use one of: ${groups.join(', ') || '(the letter declares none)'}`,
          ),
        ];
};

/** The code of each field a letter may require, and how to put right a signature that lacks it. */
const REQUIRED: Record<
  RequirableField,
  { problem: ProblemCode; hint: (groups: string[]) => string }
> = {
  country: {
    problem: 'missing-country',
    hint: () =>
      'add country: with an ISO 3166-1 alpha-2 code such as GB, or remove country from requires in letter.yaml',
  },
  role: {
    problem: 'missing-role',
    hint: () => 'add role:, or remove role from requires in letter.yaml',
  },
  organisation: {
    problem: 'missing-organisation',
    hint: () => 'add organisation:, or remove organisation from requires in letter.yaml',
  },
  group: {
    problem: 'missing-group',
    hint: (groups) =>
      `add group: with one of ${groups.join(', ') || '(the letter declares none)'}, or remove group from requires in letter.yaml`,
  },
};

/**
 * `missing-<field>`: what the letter requires (`requires:`) of the signatures it shows or may
 * show; a withdrawn or rejected record stays as it was made, whatever the letter asks later.
 */
export const requiredFieldsPresent: SignatureRule = (input) => {
  const groups = groupIdsOf(input);
  const { requires } = input.letter;
  return (e) => {
    const s = e.signature;
    if (requires.length === 0 || (s.status !== 'pending' && s.status !== 'verified')) return [];
    if (requires.every((field) => s[field] !== undefined)) return [];
    return requires
      .filter((field) => s[field] === undefined)
      .map((field) =>
        problem(
          REQUIRED[field].problem,
          at(e.file, e.locate([])),
          `missing required field "${field}" (letter.yaml requires it)`,
          REQUIRED[field].hint(groups),
        ),
      );
  };
};

/** `erased-name`: no signature brings back a name erased at its signatory's request. */
export const nameNotErased: SignatureRule = (input) => {
  const erasedAs = erasedNames(input.erased, input.letter.slug);
  return (e) => {
    const erasure = erasedAs(e.signature.name, e.key);
    return erasure
      ? [
          problem(
            'erased-name',
            at(e.file, e.locate(['name'])),
            `"${e.signature.name}" was erased from this letter at the signatory's request (${erasure.id}) and must not come back`,
            `delete ${e.file}`,
          ),
        ]
      : [];
  };
};

/**
 * `duplicate-name`: the same name twice is an error until a person decides they are two
 * people and something tells them apart; never next to a fake. Reported at the later file.
 */
export const nameNotDuplicated: SignatureRule = (input) => {
  const conflicts = new Map(
    sameNameConflicts(
      input.signatures.map((e) => e.signature),
      (s, i) => input.signatures[i]!.key ?? normaliseName(s.name),
    ).map((c) => [c.at, c]),
  );
  const entryOf = new Map(input.signatures.map((e) => [e.signature, e]));
  return (_, n) => {
    const conflict = conflicts.get(n);
    if (!conflict) return [];
    const { blamed, other, fake, recorded } = conflict;
    const later = entryOf.get(blamed)!;
    const lookAlike = mixedScriptLetter(blamed.name) ?? mixedScriptLetter(other.name);
    return [
      problem(
        'duplicate-name',
        at(later.file, later.locate(['name'])),
        `"${blamed.name}" is the same name as signature ${other.id} ("${other.name}"${other.status === 'rejected' ? ', rejected as fake' : ''}) after normalisation${recorded && !fake ? ', and nothing tells the two apart' : ''}`,
        lookAlike
          ? `one is written in look-alike letters: delete ${later.file}`
          : fake
            ? `the name of a fake stays out for good: delete ${later.file}`
            : recorded
              ? 'give each a url or github login of their own that tells them apart (they are recorded as different people)'
              : `if they are different people: give each a url or github login of their own, then letter distinct ${input.shown} ${blamed.id} ${other.id}; else withdraw one of them`,
      ),
    ];
  };
};

/** `distinct-from-invalid`: `distinct_from` names other signatures (or erasure records) of the letter, each once. */
export const distinctFromValid: SignatureRule = (input) => {
  const ids = new Set([
    ...input.signatures.map((e) => e.signature.id),
    ...input.erased.map((e) => e.id),
  ]);
  return (e) => {
    const s = e.signature;
    const listed = s.distinct_from;
    if (listed === undefined) return [];
    const problems: Problem[] = [];
    for (const [i, other] of listed.entries()) {
      const why =
        other === s.id
          ? 'is the signature itself'
          : listed.indexOf(other) < i
            ? 'is listed twice'
            : !ids.has(other)
              ? 'is not a signature of this letter'
              : undefined;
      if (why)
        problems.push(
          problem(
            'distinct-from-invalid',
            at(e.file, e.locate(['distinct_from', i])),
            `distinct_from: "${other}" ${why}`,
            'list the ids of other signatures with the same or a likely-same name; letter distinct writes them',
          ),
        );
    }
    return problems;
  };
};

/** `mixed-script`: no word of a name mixes scripts (Unicode TR39). */
export const nameInOneScript: SignatureRule = () => (e) => {
  const mixed = mixedScriptLetter(e.signature.name);
  return mixed
    ? [
        problem(
          'mixed-script',
          at(e.file, e.locate(['name'])),
          `"${e.signature.name}" mixes scripts in one word: "${mixed.char}" (${mixed.codePoint}, ${mixed.script}) inside "${mixed.word}"`,
          "type the name again in one script; a letter of another script can pass for someone else's name (Unicode TR39)",
        ),
      ]
    : [];
};

/** `future-date`: signed_at, verified.at and withdrawn.at are not after now (a warning). */
export const datesNotInFuture: SignatureRule = (input) => {
  const nowIso = toIsoTimestamp(input.now);
  return (e) => {
    const s = e.signature;
    if (
      s.signed_at <= nowIso &&
      (s.verified === undefined || s.verified.at <= nowIso) &&
      (s.withdrawn === undefined || s.withdrawn.at <= nowIso)
    )
      return [];
    return (
      [
        ['signed_at', s.signed_at],
        ['verified', s.verified?.at],
        ['withdrawn', s.withdrawn?.at],
      ] as const
    )
      .filter(([, value]) => value !== undefined && value > nowIso)
      .map(([field, value]) =>
        problem(
          'future-date',
          at(e.file, e.locate(field === 'signed_at' ? [field] : [field, 'at'])),
          `${field === 'signed_at' ? 'signed_at' : `${field}.at`} ${value} is in the future`,
        ),
      );
  };
};

/** `url-not-normal`: a signature's url and verification evidence are in their normal form. */
export const signatureUrlsNormal: SignatureRule =
  ({ shown }) =>
  (e) => {
    const s = e.signature;
    if (s.url === undefined && s.verified?.evidence === undefined) return [];
    return (
      [
        [s.url, ['url']],
        [s.verified?.evidence, ['verified', 'evidence']],
      ] as const
    )
      .filter(([url]) => url !== undefined && !isNormalUrl(url))
      .map(([url, where]) =>
        notNormalUrl(e.file, e.locate([...where]), where.join('.'), url!, shown),
      );
  };

/** `date-order`: a verification or a withdrawal is not dated before the signature. */
export const datesInOrder: SignatureRule = () => (e) => {
  const s = e.signature;
  const early = (d: { at: string } | undefined) => d !== undefined && d.at < s.signed_at;
  if (!early(s.verified) && !early(s.withdrawn)) return [];
  return (['verified', 'withdrawn'] as const)
    .filter((field) => early(s[field]))
    .map((field) =>
      problem(
        'date-order',
        at(e.file, e.locate([field, 'at'])),
        `${field}.at ${s[field]!.at} is before signed_at ${s.signed_at}`,
      ),
    );
};
