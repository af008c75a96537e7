import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { githubSignFiles, issueForm, signWorkflow } from '../../src/letter/github-sign-files.js';
import { IssueRefused, parseFormBody, readSignRequest } from '../../src/letter/issue-form.js';
import { ROOT } from '../helpers/cli.js';
import { letter } from '../helpers/fixtures.js';

const V = 'sha256:0123456789ab';
const CONSENT = `- [X] I agree to the text of this letter as it reads at version ${V}; my name will be public.`;
/** An issue body as GitHub writes a filled form: "### Label", a blank line, the answer. */
const form = (answers: Record<string, string>) =>
  Object.entries(answers)
    .map(([label, value]) => `### ${label}\n\n${value}`)
    .join('\n\n');
const ADA = {
  Name: 'Ada Lovelace',
  Role: '_No response_',
  Organisation: 'Analytical Engines Ltd',
  Country: 'GB',
  Group: 'Industry',
  'Web page': '_No response_',
  Consent: CONSENT,
};
/** The real octokit/webhooks "issues opened" payload, with another body. */
const real = JSON.parse(
  readFileSync(path.join(ROOT, 'test/fixtures/github/opened.payload.json'), 'utf8'),
);
const event = (body: unknown, patch: (e: typeof real) => void = () => {}) => {
  const e = structuredClone(real);
  e.issue.body = body;
  patch(e);
  return e;
};
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    if (e instanceof IssueRefused) return e.message;
    throw e;
  }
  throw new Error('not refused');
};

describe('parseFormBody', () => {
  it('reads each answer under its heading; _No response_ and blank are no answer; CRLF as LF', () => {
    expect([
      ...parseFormBody(
        '### Name\r\n\r\nAda Lovelace\r\n\r\n### Role\r\n\r\n_No response_\r\n\r\n### Organisation\r\n\r\n\r\n### Web page\n\n https://example.org \n',
      ),
    ]).toEqual([
      ['Name', 'Ada Lovelace'],
      ['Role', undefined],
      ['Organisation', undefined],
      ['Web page', 'https://example.org'],
    ]);
  });

  it("ignores text before the first heading and under headings that are not the form's", () => {
    expect([
      ...parseFormBody('Hello\n### Name\n\nAda\n\n### Notes\n\nAny text\n\n### Country\n\nGB\n'),
    ]).toEqual([
      ['Name', 'Ada'],
      ['Country', 'GB'],
    ]);
  });

  it('refuses a field given twice, which would let a second answer hide behind the first', () => {
    expect(() => parseFormBody('### Name\n\nAda\n\n### Name\n\nEve')).toThrow(
      'issue field "Name": appears twice in the issue; nothing was written.',
    );
  });
});

describe('readSignRequest', () => {
  it('reads the author, the time the issue was opened and the answers, country and group as codes', () => {
    expect(readSignRequest(event(form(ADA)), letter, V)).toEqual({
      issue: 1,
      login: 'Codertocat',
      signedAt: '2019-05-15T15:20:18Z',
      name: 'Ada Lovelace',
      organisation: 'Analytical Engines Ltd',
      country: 'GB',
      group: 'industry',
    });
    expect(
      readSignRequest(
        event(
          form({
            ...ADA,
            Country: 'South Korea',
            Group: 'international-organisations',
            'Web page': 'https://example.org/ada',
          }),
        ),
        letter,
        V,
      ),
    ).toMatchObject({
      country: 'KR',
      group: 'international-organisations',
      url: 'https://example.org/ada',
    });
  });

  it.each([
    [
      'the box not ticked',
      event(form({ ...ADA, Consent: CONSENT.replace('[X]', '[ ]') })),
      `issue field "Consent": the box "I agree to the text of this letter as it reads at version ${V}; my name will be public." is not ticked; nothing was written.`,
    ],
    [
      'no consent field',
      event(form({ Name: 'Ada Lovelace', Country: 'GB', Group: 'Industry' })),
      'issue field "Consent": the box',
    ],
    [
      'a box with other words',
      event(form({ ...ADA, Consent: '- [X] I agree to nothing' })),
      'issue field "Consent": the box',
    ],
    [
      'consent to another text',
      event(form({ ...ADA, Consent: CONSENT.replace(V, 'sha256:ffffffffffff') })),
      `issue field "Consent": the signer agreed to the text at version sha256:ffffffffffff, but the letter now reads ${V}; nothing was written.`,
    ],
    [
      'an edited issue',
      event(form(ADA), (e) => (e.action = 'edited')),
      'the event: it is an issue "edited", not an issue opened: only opening an issue signs; nothing was written.',
    ],
    [
      'a bot',
      event(form(ADA), (e) =>
        Object.assign(e.issue.user, { login: 'dependabot[bot]', type: 'Bot' }),
      ),
      'the event: the issue was opened by a bot (dependabot[bot]); only a person signs for themselves; nothing was written.',
    ],
    [
      'a bot typed as a user',
      event(form(ADA), (e) => (e.issue.user.login = 'renovate[bot]')),
      'the event: the issue was opened by a bot (renovate[bot])',
    ],
    [
      'a comment event',
      event(form(ADA), (e) => (e.comment = {})),
      'the event: it is not an issues event',
    ],
    ['not an object', 'opened', 'the event: it is not an issues event'],
    [
      'no body',
      event(null),
      'the event: the issue has no body: it was not made with the sign form',
    ],
    [
      'a time that is not UTC',
      event(form(ADA), (e) => (e.issue.created_at = '2019-05-15 15:20')),
      'the event: the issue has no created_at time in ISO 8601 UTC',
    ],
    [
      'an empty name',
      event(form({ ...ADA, Name: '_No response_' })),
      'issue field "Name": is required and was left empty',
    ],
    [
      'a required country left empty',
      event(form({ ...ADA, Country: '_No response_' })),
      'issue field "Country": is required and was left empty',
    ],
    [
      'an unknown country',
      event(form({ ...ADA, Country: 'Atlantis' })),
      'issue field "Country": is not a country name or ISO 3166-1 code',
    ],
    [
      'an unknown group',
      event(form({ ...ADA, Group: 'Everyone' })),
      'issue field "Group": is not a group of this letter; one of: International organisations; Industry',
    ],
    [
      'a name on two lines',
      event(form({ ...ADA, Name: 'Ada\nLovelace' })),
      'issue field "Name": must be one line',
    ],
  ])('refuses %s', (_, e, message) => {
    expect(refusal(() => readSignRequest(e, letter, V))).toContain(message);
  });
});

describe('issueForm', () => {
  it('asks for name, affiliation, country and group as the letter requires, a web page, and consent to this text', () => {
    const yaml = parse(issueForm(letter, V));
    expect(yaml.labels).toEqual(['sign-time-to-act']);
    expect(
      yaml.body
        .slice(1)
        .map((e: { type: string; id: string; validations?: { required: boolean } }) => [
          e.type,
          e.id,
          e.validations?.required,
        ]),
    ).toEqual([
      ['input', 'name', true],
      ['input', 'role', false],
      ['input', 'organisation', false],
      ['input', 'country', true],
      ['dropdown', 'group', true],
      ['input', 'url', false],
      ['checkboxes', 'consent', undefined],
    ]);
    expect(yaml.body[5].attributes.options).toEqual(['International organisations', 'Industry']);
    expect(yaml.body[7].attributes.options).toEqual([
      {
        label: `I agree to the text of this letter as it reads at version ${V}; my name will be public.`,
        required: true,
      },
    ]);
  });

  it('leaves out country and group when the letter neither requires a country nor has groups', () => {
    const plain = parse(issueForm({ ...letter, requires: [], groups: [] }, V));
    expect(plain.body.slice(1).map((e: { id: string }) => e.id)).toEqual([
      'name',
      'role',
      'organisation',
      'url',
      'consent',
    ]);
  });
});

describe('signWorkflow', () => {
  const text = signWorkflow(letter, 'letters/time-to-act');
  it("runs on opened issues with the form's label and passes the issue only as the event file", () => {
    const wf = parse(text);
    expect(wf.on).toEqual({ issues: { types: ['opened'] } });
    expect(wf.jobs.sign.if).toBe("contains(github.event.issue.labels.*.name, 'sign-time-to-act')");
    expect(wf.jobs.sign.steps[3].run).toContain(
      'npx --no-install letter sign letters/time-to-act --from-issue "$GITHUB_EVENT_PATH" --json',
    );
  });

  it('never puts an expression into a run: script; only the token and the issue number, through env', () => {
    const wf = parse(text);
    for (const step of wf.jobs.sign.steps) expect(String(step.run ?? '')).not.toContain('${{');
    expect([...text.matchAll(/\$\{\{([^}]*)\}\}/g)].map((m) => m[1]!.trim()).sort()).toEqual([
      'github.event.issue.number',
      'github.event.issue.number',
      'github.token',
      'github.token',
    ]);
  });

  it('pins every action by full commit SHA', () => {
    const uses = parse(text)
      .jobs.sign.steps.filter((s: { uses?: string }) => s.uses)
      .map((s: { uses: string }) => s.uses);
    expect(uses).toEqual([
      'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683',
      'actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020',
    ]);
  });

  it('refuses a letter path that a shell would read as more than a path', () => {
    expect(() => githubSignFiles(letter, 'letters/$(id)', V)).toThrow(
      'the letter path "letters/$(id)" must be letters, digits, spaces and . _ / @ = : - only',
    );
    expect(githubSignFiles(letter, 'letters/time-to-act', V).map((f) => f.path)).toEqual([
      '.github/ISSUE_TEMPLATE/sign-time-to-act.yml',
      '.github/workflows/sign-time-to-act.yml',
    ]);
  });
});
