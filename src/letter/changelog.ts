/**
 * The changelog of a letter: one event per signing, verification and withdrawal, derived
 * from the signature files. Oldest first, so a new event only appends lines and a merge
 * of two branches that each sign someone stays a clean merge of lines.
 */
import { escapeMarkdownInline, isPlainMarkdown } from './markdown.js';
import { type LeftOut, publishable } from './publishing.js';
import type { ErasedRecord, LetterFile, Signature } from './schema.js';

/** How the changelog names a signatory who asked to be forgotten. */
export const ERASED_NAME = '(name erased)';

/** Kinds of event, in the order they happen to one signature. */
export const EVENT_KINDS = [
  'signed',
  'verified',
  'reconfirmed',
  'withdrawn',
  'rejected',
  'erased',
] as const;

/** One event in the life of a signature. `at` is ISO 8601 UTC. */
export interface LetterEvent {
  at: string;
  kind: (typeof EVENT_KINDS)[number];
  id: string;
  name: string;
  by?: string;
  reason?: string;
  evidence?: string;
  /** Of a `reconfirmed` event: the version of the text agreed to. */
  text_version?: string;
}

/** The time (ISO 8601 UTC) of event `kind` of signature `s`, if it has that event. */
function timeOf(s: Signature, kind: LetterEvent['kind']): string | undefined {
  return kind === 'signed'
    ? s.signed_at
    : kind === 'verified'
      ? s.verified?.at
      : kind === 'withdrawn'
        ? s.withdrawn?.at
        : kind === 'rejected'
          ? s.rejected?.at
          : undefined;
}

/** Event `kind` of signature `s` (which has it); `nth`, which of its reconfirmations. */
function signatureEvent(s: Signature, kind: LetterEvent['kind'], nth = 0): LetterEvent {
  if (kind === 'reconfirmed') {
    const r = s.reconfirmed![nth]!;
    return {
      at: r.at,
      kind,
      id: s.id,
      name: s.name,
      text_version: r.text_version,
      ...(r.by ? { by: r.by } : {}),
    };
  }
  const base = { at: timeOf(s, kind)!, kind, id: s.id, name: s.name };
  if (kind === 'verified')
    return {
      ...base,
      by: s.verified!.by,
      ...(s.verified!.evidence ? { evidence: s.verified!.evidence } : {}),
    };
  const ended = kind === 'withdrawn' ? s.withdrawn : kind === 'rejected' ? s.rejected : undefined;
  return ended ? { ...base, reason: ended.reason, ...(ended.by ? { by: ended.by } : {}) } : base;
}

/** Event `kind` of erasure record `e` (signed, verified or erased). */
function erasedEvent(e: ErasedRecord, kind: LetterEvent['kind']): LetterEvent {
  return {
    at: kind === 'signed' ? e.signed_at : kind === 'verified' ? e.verified_at! : e.erased_at,
    kind,
    id: e.id,
    name: ERASED_NAME,
  };
}

const KINDS_OF_SIGNATURE = ['signed', 'verified', 'withdrawn', 'rejected'] as const;

/**
 * Calls `fn` with every event of every signature and erasure record, oldest first (ties:
 * kind order, then id), each made only when its turn comes, so that a letter of a million
 * holds no list of its events. Sorted by numbers: the time in seconds (timestamps are all
 * `YYYY-MM-DDTHH:MM:SSZ`, so this is their text order) and the kind, packed with the
 * event's number into one float sorted natively; the ids only within a tie.
 * Stops early when `fn` returns false, and says whether it went through.
 */
export function forEachEventInOrder(
  signatures: readonly Signature[],
  erased: readonly ErasedRecord[],
  fn: (e: LetterEvent) => boolean | undefined,
): boolean {
  // Event i: its time in seconds, its kind's rank, and where it comes from (a signature, or erasure record -1 - n).
  const times: number[] = [];
  const ranks: number[] = [];
  const sources: number[] = [];
  // Which reconfirmation of its signature an event is (0 for every other kind).
  const nths: number[] = [];
  const add = (at: string, kind: LetterEvent['kind'], source: number, nth = 0) => {
    times.push(secondsOf(at));
    ranks.push(KIND_RANK[kind]);
    sources.push(source);
    nths.push(nth);
  };
  erased.forEach((e, n) => {
    add(e.signed_at, 'signed', -1 - n);
    if (e.verified_at) add(e.verified_at, 'verified', -1 - n);
    add(e.erased_at, 'erased', -1 - n);
  });
  signatures.forEach((s, n) => {
    for (const kind of KINDS_OF_SIGNATURE) {
      const at = timeOf(s, kind);
      if (at !== undefined) add(at, kind, n);
    }
    s.reconfirmed?.forEach((r, k) => {
      add(r.at, 'reconfirmed', n, k);
    });
  });
  const count = times.length;
  const eventAt = (i: number): LetterEvent => {
    const source = sources[i]!;
    const kind = EVENT_KINDS[ranks[i]!]!;
    return source >= 0
      ? signatureEvent(signatures[source]!, kind, nths[i])
      : erasedEvent(erased[-1 - source]!, kind);
  };
  const idAt = (i: number) =>
    sources[i]! >= 0 ? signatures[sources[i]!]!.id : erased[-1 - sources[i]!]!.id;
  let order: ArrayLike<number>;
  let t0 = count > 0 ? times[0]! : 0;
  for (const t of times) if (t < t0) t0 = t;
  let span = 0;
  for (const t of times) if (t - t0 > span) span = t - t0;
  // (seconds since the first event × 8 + rank) × 2^22 + event number fits the 53 bits of a float
  // while the events span under 8 years and number under 4 million; else a comparator sorts.
  if (span < 2 ** 28 && count < 2 ** 22) {
    const keys = new Float64Array(count);
    for (let i = 0; i < count; i++) keys[i] = ((times[i]! - t0) * 8 + ranks[i]!) * 2 ** 22 + i;
    keys.sort();
    const sorted = new Uint32Array(count);
    for (let k = 0; k < count; k++) sorted[k] = keys[k]! % 2 ** 22;
    // Within a tie of time and kind, by id.
    for (let k = 0; k < count; ) {
      let end = k + 1;
      while (end < count && Math.floor(keys[end]! / 2 ** 22) === Math.floor(keys[k]! / 2 ** 22))
        end++;
      if (end - k > 1)
        sorted
          .subarray(k, end)
          .sort((a, b) => (idAt(a) < idAt(b) ? -1 : idAt(a) > idAt(b) ? 1 : 0));
      k = end;
    }
    order = sorted;
  } else {
    order = Array.from({ length: count }, (_, i) => i).sort(
      (a, b) =>
        times[a]! - times[b]! ||
        ranks[a]! - ranks[b]! ||
        (idAt(a) < idAt(b) ? -1 : idAt(a) > idAt(b) ? 1 : 0),
    );
  }
  for (let k = 0; k < count; k++) if (fn(eventAt(order[k]!)) === false) return false;
  return true;
}

/** Every event of every signature and erasure record, oldest first (ties: kind order, then id); see `forEachEventInOrder`. */
export function eventsOf(
  signatures: readonly Signature[],
  erased: readonly ErasedRecord[] = [],
): LetterEvent[] {
  const events: LetterEvent[] = [];
  forEachEventInOrder(signatures, erased, (e) => {
    events.push(e);
  });
  return events;
}

/** Seconds since 1970 of a `YYYY-MM-DDTHH:MM:SSZ` timestamp. */
function secondsOf(at: string): number {
  const n = (from: number, to: number) => Number(at.slice(from, to));
  return Date.UTC(n(0, 4), n(5, 7) - 1, n(8, 10), n(11, 13), n(14, 16), n(17, 19)) / 1000;
}

const KIND_RANK: Record<LetterEvent['kind'], number> = {
  signed: 0,
  verified: 1,
  reconfirmed: 2,
  withdrawn: 3,
  rejected: 4,
  erased: 5,
};

// Text that needs no folding or escaping (most names) is returned as it is.
const oneLine = (s: string) =>
  isPlainMarkdown(s) ? s : escapeMarkdownInline(s.replace(/\s+/g, ' ').trim());

/** One Markdown list line for an event, e.g. `- 2020-05-26T09:00:00Z signed: Ban Ki\-moon (ban-ki-moon)`. */
export function changelogLine(e: LetterEvent): string {
  const who = `${e.name === ERASED_NAME ? e.name : oneLine(e.name)} (${e.id})`;
  const by = e.by ? ` by ${oneLine(e.by)}` : '';
  switch (e.kind) {
    case 'signed':
    case 'erased':
      return `- ${e.at} ${e.kind}: ${who}`;
    case 'verified':
      return `- ${e.at} verified: ${who}${by}`;
    case 'reconfirmed':
      return `- ${e.at} reconfirmed: ${who} to ${e.text_version}${by}`;
    case 'withdrawn':
    case 'rejected':
      return `- ${e.at} ${e.kind}: ${who}${by}; reason: ${oneLine(e.reason ?? '')}`;
  }
}

/** The number of lines before the first event line in CHANGELOG.md. */
export const CHANGELOG_HEADER_LINES = 4;

/** The lines of CHANGELOG.md for a letter, without line ends: a header of four lines (three when there is no event), then one line per event. */
export function changelogLines(
  letter: LetterFile,
  signatures: readonly Signature[],
  erased: readonly ErasedRecord[] = [],
): string[] {
  const events = eventsOf(signatures, erased).map(changelogLine);
  return events.length > 0 ? [...changelogHeader(letter), '', ...events] : changelogHeader(letter);
}

/** The three lines CHANGELOG.md starts with (a blank line follows when there are events). */
export function changelogHeader(letter: LetterFile): string[] {
  return [
    `# Changelog: ${oneLine(letter.title)}`,
    '',
    'Derived from signatures/ by `letter`; rebuild it with `letter changelog <letter>`.',
  ];
}

/** The whole text of CHANGELOG.md for a letter: a header of four lines, then one line per event. */
export function renderChangelog(
  letter: LetterFile,
  signatures: readonly Signature[],
  erased: readonly ErasedRecord[] = [],
): string {
  return `${changelogLines(letter, signatures, erased).join('\n')}\n`;
}

/**
 * The text of CHANGELOG.md that `letter` writes: `renderChangelog` of the signatures the
 * publishing gate lets through (see `publishable`), so that a name `letter check` refuses
 * (an erased name whose file came back, look-alike letters, the same name undecided, an
 * unknown group) is never written into it; `leftOut` says which signatures and why.
 * `keys`, each name's normal form when the loader kept it, as for `publishable`.
 */
export function publishedChangelog(
  letter: LetterFile,
  signatures: readonly Signature[],
  erased: readonly ErasedRecord[],
  keys?: readonly (string | undefined)[],
): { text: string; leftOut: LeftOut[] } {
  const gate = publishable(letter, signatures, erased, keys);
  return {
    text: renderChangelog(letter, gate.leftOut.length === 0 ? signatures : gate.signatures, erased),
    leftOut: gate.leftOut,
  };
}

/**
 * CHANGELOG.md with one more event, made from a text that is in step with the signatures
 * (exactly what `renderChangelog` gives): the event's line goes where `renderChangelog`
 * would put it (oldest first; ties by kind, then id). A sign onto a large letter adds
 * one line this way instead of rendering every event again.
 * @param changelog the text, or its bytes (UTF-8)
 * @returns the new text (bytes for bytes); undefined when it does not have the form
 *   `renderChangelog` gives, or the place is ambiguous (render the whole changelog then).
 */
export function insertEvent<T extends string | Uint8Array>(
  changelog: T,
  event: LetterEvent,
): T | undefined {
  return insertEvents(changelog, [event]);
}

/**
 * CHANGELOG.md with more events, each where `renderChangelog` would put it, as `insertEvent`
 * does for one: an import adds its lines in one pass over the text.
 * @returns the new text; undefined when the text does not have the form `renderChangelog`
 *   gives or a place is ambiguous (render the whole changelog then).
 */
export function insertEvents<T extends string | Uint8Array>(
  changelog: T,
  events: readonly LetterEvent[],
): T | undefined {
  // Bytes throughout (a sign onto a large letter never decodes the whole file); only the few lines compared are decoded.
  const text =
    typeof changelog === 'string'
      ? Buffer.from(changelog)
      : Buffer.from(changelog.buffer, changelog.byteOffset, changelog.byteLength);
  const out = (b: Buffer) => (typeof changelog === 'string' ? b.toString('utf8') : b) as T;
  // The header is three lines and a blank one; events follow, one per line, each ending in "\n".
  let start = 0;
  for (let n = 0; n < CHANGELOG_HEADER_LINES - 1; n++) {
    start = text.indexOf(10, start) + 1;
    if (start === 0) return undefined;
  }
  if (text[text.length - 1] !== 10) return undefined;
  const sorted = sortEvents(events);
  const lines = sorted.map((e) => Buffer.from(`${changelogLine(e)}\n`));
  if (start === text.length) return out(Buffer.concat([text, Buffer.from('\n'), ...lines]));
  if (text[start] !== 10) return undefined;
  start++;
  const places: number[] = [];
  for (const event of sorted) {
    const at = placeOf(text, start, event);
    if (at === undefined) return undefined;
    places.push(at);
  }
  // Sorted events have non-decreasing places: the text is cut at each and the lines go in between.
  const parts: Buffer[] = [text.subarray(0, start)];
  let from = start;
  places.forEach((at, i) => {
    parts.push(text.subarray(from, at), lines[i]!);
    from = at;
  });
  parts.push(text.subarray(from));
  return out(Buffer.concat(parts));
}

/**
 * The lines of `events` when they all go after the last line of a CHANGELOG.md in step with
 * the signatures (where `renderChangelog` would put them), given only the file's last bytes
 * `tail` (its last line whole): a sign or an import "now" appends to a changelog of a
 * million lines without reading it. Undefined when the last line is not an event, or an
 * event goes before it (insert with `insertEvents` then).
 */
export function eventsAfterTail(
  tail: Uint8Array,
  events: readonly LetterEvent[],
): Buffer | undefined {
  const text = Buffer.from(tail.buffer, tail.byteOffset, tail.byteLength);
  if (events.length === 0 || text[text.length - 1] !== 10) return undefined;
  const lastStart = text.lastIndexOf(10, text.length - 2) + 1;
  // The tail must hold the whole last line: a newline before it.
  if (lastStart === 0) return undefined;
  const sorted = sortEvents(events);
  const c = compareWithLine(text, lastStart, sorted[0]!);
  if (!(c > 0)) return undefined;
  return Buffer.from(sorted.map((e) => `${changelogLine(e)}\n`).join(''));
}

/** Events in the order of `renderChangelog`: oldest first, ties by kind, then id. */
function sortEvents(events: readonly LetterEvent[]): LetterEvent[] {
  return [...events].sort(
    (a, b) =>
      (a.at < b.at ? -1 : a.at > b.at ? 1 : 0) ||
      KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** Compares `event` with the line of `text` that starts at offset `at`: negative when the event comes first; NaN when the line is not an event or the order is ambiguous. */
function compareWithLine(text: Buffer, at: number, event: LetterEvent): number {
  const l = text.toString('utf8', at, text.indexOf(10, at));
  const space = l.indexOf(' ', 2);
  const colon = l.indexOf(':', space);
  if (!l.startsWith('- ') || space < 0 || colon < 0) return Number.NaN;
  const when = l.slice(2, space);
  if (event.at !== when) return event.at < when ? -1 : 1;
  const kind = l.slice(space + 1, colon) as LetterEvent['kind'];
  if (!(kind in KIND_RANK)) return Number.NaN;
  const rank = KIND_RANK[event.kind];
  if (rank !== KIND_RANK[kind]) return rank - KIND_RANK[kind];
  // Same time and kind: only a signed or erased line ends with its id, "(id)".
  if (kind !== 'signed' && kind !== 'erased') return Number.NaN;
  const id = l.slice(l.lastIndexOf('(') + 1, -1);
  return event.id === id ? Number.NaN : event.id < id ? -1 : 1;
}

/** The offset of the first event line of `text` (lines from `start` on) that comes after `event`; undefined when a line compared is not an event or the place is ambiguous. */
function placeOf(text: Buffer, start: number, event: LetterEvent): number | undefined {
  const compare = (at: number) => compareWithLine(text, at, event);
  // Binary search over offsets: the first line that comes after the event.
  let lo = start;
  let hi = text.length;
  while (lo < hi) {
    // The start of the line holding the middle offset (lo and hi are line starts).
    const lineStart = Math.max(lo, text.lastIndexOf(10, ((lo + hi) >>> 1) - 1) + 1);
    const c = compare(lineStart);
    if (Number.isNaN(c)) return undefined;
    if (c < 0) hi = lineStart;
    else lo = text.indexOf(10, lineStart) + 1;
  }
  return lo;
}
