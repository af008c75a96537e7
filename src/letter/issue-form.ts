/**
 * Signing from a browser: the GitHub issue form of a letter, and the reading of an `issues`
 * webhook event made with it. GitHub turns a filled form into the issue's body, one
 * `### <label>` heading per field followed by the answer, `_No response_` for an empty one and
 * `- [X] <option>` for a ticked box (GitHub Docs, "Syntax for issue forms"). The body is
 * whatever its author typed, so every value goes through the same rules as `letter sign`.
 * Pure: no I/O.
 */
import { UserError } from '../errors.js';
import { parseCountryName } from './country-names.js';
import { isIsoTimestamp } from './dates.js';
import { findGroup } from './groups.js';
import { GITHUB_LOGIN_PATTERN, type LetterFile } from './schema.js';
import { toLf } from './text.js';

/** The fields of the form, by signature field; the labels are the headings GitHub writes into the body. */
export const FORM_LABELS = {
  name: 'Name',
  role: 'Role',
  organisation: 'Organisation',
  country: 'Country',
  group: 'Group',
  url: 'Web page',
  consent: 'Consent',
} as const;

/** A field of the form (`FORM_LABELS`). */
export type FormField = keyof typeof FORM_LABELS;

/** What GitHub writes for a field left empty. */
const NO_RESPONSE = '_No response_';

/** The label of the issue that the form sets and the sign workflow runs on: `sign-<slug>`. */
export function signLabel(letter: LetterFile): string {
  return `sign-${letter.slug}`;
}

/** The consent box's text: what the signer agrees to, naming the text version (see text-version.ts). */
export function consentText(version: string): string {
  return `I agree to the text of this letter as it reads at version ${version}; my name will be public.`;
}

const CONSENT =
  /^I agree to the text of this letter as it reads at version (sha256:[0-9a-f]{12}); my name will be public\.$/;

/** The fields the form of `letter` asks for: name, role, organisation, web page, consent; country when required; group when the letter has groups. */
export function formFields(letter: LetterFile): FormField[] {
  return [
    'name',
    'role',
    'organisation',
    ...(letter.requires.includes('country') ? (['country'] as const) : []),
    ...(letter.groups.length > 0 ? (['group'] as const) : []),
    'url',
    'consent',
  ];
}

/** A sign request refused (exit 1): `field` is the form's label it is about, or "event". */
export class IssueRefused extends UserError {
  constructor(
    readonly field: string,
    reason: string,
    hint = 'Open a new issue with the sign form to try again.',
  ) {
    super(
      `${field === 'event' ? 'the event' : `issue field "${field}"`}: ${reason}; nothing was written.`,
      hint,
    );
  }
}

/** One signature asked for by an issue: its author's login, the time it was opened, and the form's answers. */
export interface SignRequest {
  issue: number;
  /** The issue author's GitHub login, recorded in `github:`. */
  login: string;
  /** The issue's `created_at`, ISO 8601 UTC. */
  signedAt: string;
  name: string;
  role?: string;
  organisation?: string;
  /** ISO 3166-1 alpha-2 code. */
  country?: string;
  /** Group id. */
  group?: string;
  url?: string;
}

/**
 * The answers of an issue-form body by label. Text outside a known heading is ignored; an
 * answer is what lies between its heading and the next, without the blank lines around it;
 * `_No response_` is no answer. @throws IssueRefused when a label appears twice.
 */
export function parseFormBody(body: string): Map<string, string | undefined> {
  const labels = new Set<string>(Object.values(FORM_LABELS));
  const sections = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of toLf(body).split('\n')) {
    const heading = /^### (.*)$/.exec(line);
    if (!heading) {
      current?.push(line);
      continue;
    }
    const label = heading[1]!.trim();
    current = labels.has(label) ? [] : undefined;
    if (!current) continue;
    if (sections.has(label)) throw new IssueRefused(label, 'appears twice in the issue');
    sections.set(label, current);
  }
  const answers = new Map<string, string | undefined>();
  for (const [label, lines] of sections) {
    const value = lines.join('\n').trim();
    answers.set(label, value === '' || value === NO_RESPONSE ? undefined : value);
  }
  return answers;
}

/**
 * Reads a GitHub `issues` webhook event (the JSON at $GITHUB_EVENT_PATH) as a request to sign
 * `letter`, whose text is at `version`. Only an issue just opened by a person, with the
 * consent box ticked for the current text, is a request; the answers are checked for shape
 * here (one line each, a known country and group) and for content by `letter sign`.
 * @throws IssueRefused (exit 1) naming the event or the field at fault.
 */
export function readSignRequest(event: unknown, letter: LetterFile, version: string): SignRequest {
  const e = (typeof event === 'object' && event !== null ? event : {}) as Record<string, unknown>;
  const issue = (typeof e.issue === 'object' && e.issue !== null ? e.issue : undefined) as
    | Record<string, unknown>
    | undefined;
  if (!issue || 'pull_request' in e || 'comment' in e)
    throw new IssueRefused('event', 'it is not an issues event');
  if (e.action !== 'opened')
    throw new IssueRefused(
      'event',
      `it is an issue ${typeof e.action === 'string' ? JSON.stringify(e.action) : 'event'}, not an issue opened: only opening an issue signs`,
    );
  const user = (typeof issue.user === 'object' && issue.user !== null ? issue.user : {}) as Record<
    string,
    unknown
  >;
  const login = typeof user.login === 'string' ? user.login : '';
  if (user.type === 'Bot' || login.endsWith('[bot]'))
    throw new IssueRefused(
      'event',
      `the issue was opened by a bot (${login}); only a person signs for themselves`,
    );
  if (!GITHUB_LOGIN_PATTERN.test(login))
    throw new IssueRefused('event', 'the issue author has no valid GitHub login');
  if (typeof issue.number !== 'number' || !Number.isSafeInteger(issue.number))
    throw new IssueRefused('event', 'the issue has no number');
  const created = typeof issue.created_at === 'string' ? issue.created_at : '';
  if (!isIsoTimestamp(created))
    throw new IssueRefused('event', 'the issue has no created_at time in ISO 8601 UTC');
  if (typeof issue.body !== 'string' || issue.body.trim() === '')
    throw new IssueRefused('event', 'the issue has no body: it was not made with the sign form');

  const answers = parseFormBody(issue.body);
  const consent = answers.get(FORM_LABELS.consent);
  const ticked = consent
    ?.split('\n')
    .map((l) => /^- \[[xX]\] (.*)$/.exec(l.trim())?.[1]?.trim())
    .find((t) => t !== undefined && CONSENT.test(t));
  if (ticked === undefined)
    throw new IssueRefused(FORM_LABELS.consent, `the box "${consentText(version)}" is not ticked`);
  const agreed = CONSENT.exec(ticked)![1]!;
  if (agreed !== version)
    throw new IssueRefused(
      FORM_LABELS.consent,
      `the signer agreed to the text at version ${agreed}, but the letter now reads ${version}`,
      'The text changed since the form was made: an organiser regenerates the form, and the signer opens a new issue.',
    );

  const asked = new Set(formFields(letter));
  const answer = (field: Exclude<FormField, 'consent'>): string | undefined => {
    const value = asked.has(field) ? answers.get(FORM_LABELS[field]) : undefined;
    if (value === undefined) {
      if (field === 'name' || letter.requires.includes(field as never))
        throw new IssueRefused(FORM_LABELS[field], 'is required and was left empty');
      return undefined;
    }
    if (/\n/.test(value)) throw new IssueRefused(FORM_LABELS[field], 'must be one line');
    return value;
  };
  const name = answer('name')!;
  const countryText = answer('country');
  const country = countryText === undefined ? undefined : parseCountryName(countryText);
  if (countryText !== undefined && country === undefined)
    throw new IssueRefused(
      FORM_LABELS.country,
      'is not a country name or ISO 3166-1 code',
      'Use a code such as JO, US or KR.',
    );
  const groupText = answer('group');
  const group = groupText === undefined ? undefined : findGroup(letter.groups, groupText)?.id;
  if (groupText !== undefined && group === undefined)
    throw new IssueRefused(
      FORM_LABELS.group,
      `is not a group of this letter; one of: ${letter.groups.map((g) => g.name).join('; ')}`,
    );
  const optional = {
    role: answer('role'),
    organisation: answer('organisation'),
    country,
    group,
    url: answer('url'),
  };
  return {
    issue: issue.number,
    login,
    signedAt: created,
    name,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
  };
}
