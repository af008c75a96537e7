/**
 * The changelog of a letter: one event per signing, verification and withdrawal, derived
 * from the signature files. Oldest first, so a new event only appends lines and a merge
 * of two branches that each sign someone stays a clean merge of lines.
 */
import { escapeMarkdownInline } from './markdown.js';
import type { ErasedRecord, LetterFile, Signature } from './schema.js';

/** How the changelog names a signatory who asked to be forgotten. */
export const ERASED_NAME = '(name erased)';

/** Kinds of event, in the order they happen to one signature. */
export const EVENT_KINDS = ['signed', 'verified', 'withdrawn', 'rejected', 'erased'] as const;

/** One event in the life of a signature. `at` is ISO 8601 UTC. */
export interface LetterEvent {
  at: string;
  kind: (typeof EVENT_KINDS)[number];
  id: string;
  name: string;
  by?: string;
  reason?: string;
  evidence?: string;
}

/** Every event of every signature and erasure record, oldest first (ties: kind order, then id). */
export function eventsOf(signatures: readonly Signature[], erased: readonly ErasedRecord[] = []): LetterEvent[] {
  const events: LetterEvent[] = [];
  for (const e of erased) {
    events.push({ at: e.signed_at, kind: 'signed', id: e.id, name: ERASED_NAME });
    if (e.verified_at) events.push({ at: e.verified_at, kind: 'verified', id: e.id, name: ERASED_NAME });
    events.push({ at: e.erased_at, kind: 'erased', id: e.id, name: ERASED_NAME });
  }
  for (const s of signatures) {
    events.push({ at: s.signed_at, kind: 'signed', id: s.id, name: s.name });
    if (s.verified)
      events.push({ at: s.verified.at, kind: 'verified', id: s.id, name: s.name, by: s.verified.by, ...(s.verified.evidence ? { evidence: s.verified.evidence } : {}) });
    if (s.withdrawn)
      events.push({ at: s.withdrawn.at, kind: 'withdrawn', id: s.id, name: s.name, reason: s.withdrawn.reason, ...(s.withdrawn.by ? { by: s.withdrawn.by } : {}) });
    if (s.rejected)
      events.push({ at: s.rejected.at, kind: 'rejected', id: s.id, name: s.name, reason: s.rejected.reason, ...(s.rejected.by ? { by: s.rejected.by } : {}) });
  }
  return events.sort(
    (a, b) =>
      (a.at < b.at ? -1 : a.at > b.at ? 1 : 0) ||
      EVENT_KINDS.indexOf(a.kind) - EVENT_KINDS.indexOf(b.kind) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

const oneLine = (s: string) => escapeMarkdownInline(s.replace(/\s+/g, ' ').trim());

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
    case 'withdrawn':
    case 'rejected':
      return `- ${e.at} ${e.kind}: ${who}${by}; reason: ${oneLine(e.reason ?? '')}`;
  }
}

/** The number of lines before the first event line in CHANGELOG.md. */
export const CHANGELOG_HEADER_LINES = 4;

/** The whole text of CHANGELOG.md for a letter: a header of four lines, then one line per event. */
export function renderChangelog(letter: LetterFile, signatures: readonly Signature[], erased: readonly ErasedRecord[] = []): string {
  const header = [`# Changelog: ${oneLine(letter.title)}`, '', 'Derived from signatures/ by `letter`; rebuild it with `letter changelog <letter>`.'];
  const events = eventsOf(signatures, erased).map(changelogLine);
  return `${[...header, ...(events.length > 0 ? ['', ...events] : [])].join('\n')}\n`;
}
