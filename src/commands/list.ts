/** `letter list <letter>`: the signatories, in the order the renders show them. */
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import type { Contact } from '../letter/contacts.js';
import { type EmbargoFields, embargoFields, publication } from '../letter/embargo.js';
import { groupedSource, groupSignatures } from '../letter/order.js';
import { publishable } from '../letter/publishing.js';
import { SIGNATURE_STATUSES, type Signature, type SignatureStatus } from '../letter/schema.js';
import { publishedStatuses } from '../letter/signatures.js';
import {
  loadLetterSkippingInvalidFiles,
  resolveLetterDir,
  type SkippedFile,
} from '../storage/letter-store.js';
import { readContacts } from '../storage/private-store.js';
import { Streamed } from '../streaming.js';
import type { Style } from '../terminal.js';
import { trace } from '../trace.js';
import { warnEmbargo, warnLeftOut } from './shared/letter-warnings.js';
import { versionNamesFor } from './shared/text-versions.js';

/** Options of `letter list`: `status` is published (default: what renders show), all, or one status. */
export interface ListOptions {
  letter: string;
  status?: string | undefined;
  /** Adds `contact` (email, phone) from the private store. */
  includePrivate?: boolean | undefined;
  /** Only the signatures recorded with this GitHub login (any case): how a signer finds out about theirs. */
  github?: string | undefined;
  /** What the embargo line on stderr names, with its verb ("the list is" by default; `export` says "the export is"). */
  embargoSubject?: string | undefined;
}

/**
 * One listed signatory: its signature fields, the group's display name, the version of the
 * text it agreed to (`text_version`, null when not recorded) with its name (`version`, v1...,
 * see `letter versions`) and whether that is the current text, and with --include-private,
 * its contact.
 */
export type ListedSignature = Omit<Signature, 'text_version'> & {
  groupName: string | null;
  text_version: string | null;
  version: string | null;
  /** True when the signatory agreed to another version of the text than the current one. */
  earlierText: boolean;
  contact?: Contact;
};

/** The signatories in render order; `embargoed` while the letter is a draft or before its embargo (stderr says so). */
export interface ListResult extends EmbargoFields {
  letter: string;
  statuses: SignatureStatus[];
  count: number;
  /** Files left out because they have errors (see `loadLetterSkippingInvalidFiles`); a warning on stderr names them. */
  skipped: SkippedFile[];
  /** Made from the letter as they are walked (`count` of them), so that a printer holds one at a time. */
  signatures: Streamed<ListedSignature>;
}

/** Lists signatories. @throws UsageError for an unknown --status; InvalidLetter. */
export async function list(o: ListOptions, ctx: Context): Promise<ListResult> {
  const loaded = await loadLetterSkippingInvalidFiles(
    await resolveLetterDir(o.letter, ctx.cwd),
    ctx.cwd,
  );
  trace('list: loaded');
  const status = o.status ?? 'published';
  let statuses: SignatureStatus[];
  if (status === 'published') statuses = publishedStatuses(loaded.letter);
  else if (status === 'all') statuses = [...SIGNATURE_STATUSES];
  else if ((SIGNATURE_STATUSES as readonly string[]).includes(status))
    statuses = [status as SignatureStatus];
  else
    throw new UsageError(
      `--status: unknown status "${status}"; use published, all, ${SIGNATURE_STATUSES.join(', ')}`,
    );
  // Only what check would let through is listed or exported (see publishing.ts).
  const gate = publishable(
    loaded.letter,
    loaded.signatures.map((s) => s.signature),
    loaded.erased,
    loaded.signatures.map((s) => s.key),
  );
  warnLeftOut(ctx, gate.leftOut, loaded.shown);
  const now = ctx.now();
  warnEmbargo(
    ctx,
    publication(loaded.letter, now),
    loaded.shown,
    o.embargoSubject ?? 'the list is',
  );
  const groups = groupedSource(groupSignatures(loaded.letter, gate.signatures, statuses));
  const contacts = o.includePrivate ? await readContacts(loaded.dir, ctx.cwd) : {};
  const login = o.github?.toLowerCase();
  const wanted = (s: Signature) => login === undefined || s.github?.toLowerCase() === login;
  let count = 0;
  for (const g of groups)
    if (login === undefined) count += g.signatures.length;
    else for (const s of g.signatures) if (wanted(s)) count++;
  const recorded = new Set<string>();
  for (const s of gate.signatures) if (s.text_version !== undefined) recorded.add(s.text_version);
  const names = await versionNamesFor({ ...loaded, signatures: gate.signatures }, recorded, ctx);
  const signatures = new Streamed(count, function* () {
    for (const g of groups)
      for (const s of g.signatures)
        if (wanted(s))
          yield {
            ...s,
            groupName: g.group?.name ?? null,
            text_version: s.text_version ?? null,
            version: s.text_version === undefined ? null : (names.get(s.text_version) ?? null),
            earlierText: s.text_version !== undefined && s.text_version !== names.current,
            ...(o.includePrivate && contacts[s.id] ? { contact: contacts[s.id] } : {}),
          };
  });
  return {
    letter: loaded.shown,
    statuses,
    count,
    ...embargoFields(loaded.letter, now),
    skipped: loaded.skipped,
    signatures,
  };
}

/** Group headings, then one line per signatory: name, affiliation, country (when given), id, status. */
export function formatList(r: ListResult, style: Style): string {
  const lines: string[] = [];
  let group: string | null | undefined;
  for (const s of r.signatures) {
    if (s.groupName !== group) {
      group = s.groupName;
      lines.push(`${lines.length ? '\n' : ''}${style.bold(group ?? 'Other signatories')}`);
    }
    const affiliation = [s.role, s.organisation].filter(Boolean).join(', ');
    const status = s.status === 'verified' ? '' : ` ${style.yellow(`[${s.status}]`)}`;
    const agreed = s.earlierText ? ` ${style.yellow(`[agreed to ${s.version}]`)}` : '';
    const contact = s.contact
      ? ` ${style.dim(`· ${[s.contact.email, s.contact.phone].filter(Boolean).join(', ')}`)}`
      : '';
    const where = [s.country, s.id].filter(Boolean).join(' · ');
    lines.push(
      `  ${s.name}${affiliation ? style.dim(` · ${affiliation}`) : ''} ${style.dim(`· ${where}`)}${status}${agreed}${contact}`,
    );
  }
  lines.push(
    `${lines.length ? '\n' : ''}${r.count} ${r.count === 1 ? 'signatory' : 'signatories'} (${r.statuses.join(', ')})`,
  );
  return lines.join('\n');
}
