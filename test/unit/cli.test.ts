import { describe, expect, it } from 'vitest';
import { type CommandModules, createProgram } from '../../src/cli.js';
import { testContext } from '../helpers/context.js';

/**
 * Runs a command line against a command table whose functions only record their options,
 * so what the flags produce is tested without running a command.
 */
async function optionsOf(argv: string[]): Promise<[string, unknown][]> {
  const calls: [string, unknown][] = [];
  const recorder = new Proxy(
    {},
    {
      get: (_, fn) =>
        // `then` stays undefined: the module is awaited and must not look like a promise.
        fn === 'then' || typeof fn !== 'string'
          ? undefined
          : fn.startsWith('format')
            ? () => ({ stdout: '' })
            : async (options: unknown) => {
                calls.push([fn, options]);
                return {};
              },
    },
  );
  const load = new Proxy({}, { get: () => async () => recorder }) as CommandModules;
  const { ctx } = testContext('/nowhere');
  await createProgram(ctx, { code: 0 }, load).parseAsync(argv, { from: 'user' });
  return calls;
}

const L = 'letters/time-to-act';

describe('which command a command line calls, with which options', () => {
  it.each<[string, string[], string, Record<string, unknown>]>([
    [
      'sign with flags',
      ['sign', L, '--name', 'Ada', '--country', 'GB', '-y'],
      'sign',
      { letter: L, name: 'Ada', country: 'GB', yes: true },
    ],
    [
      'sign --dry-run --json',
      ['sign', L, '--name', 'Ada', '--dry-run', '--json'],
      'sign',
      { letter: L, name: 'Ada', dryRun: true, json: true },
    ],
    [
      'sign --from-issue',
      ['sign', L, '--from-issue', 'event.json', '--dry-run'],
      'signFromIssue',
      { letter: L, event: 'event.json', fromIssue: 'event.json', dryRun: true },
    ],
    [
      'sign --from-issue with a field flag',
      ['sign', L, '--from-issue', 'e.json', '--name', 'Ada'],
      'signFromIssue',
      { letter: L, event: 'e.json', fromIssue: 'e.json', name: 'Ada' },
    ],
    [
      'deliver --no-pdf --sign-key',
      ['deliver', L, '--to', 'the UN', '--no-pdf', '--sign-key', 'k', '--channel', 'email'],
      'deliver',
      { letter: L, to: 'the UN', pdf: false, record: true, signKey: 'k', channel: 'email' },
    ],
    [
      'verify-delivery --allowed-signers',
      ['verify-delivery', 'b', '--allowed-signers', 'a'],
      'verifyDelivery',
      { bundle: 'b', allowedSigners: 'a' },
    ],
    [
      'delivery respond',
      ['delivery', 'respond', L, 'd1', 'follow-up', '--on', '2020-07-01'],
      'respond',
      { letter: L, id: 'd1', kind: 'follow-up', on: '2020-07-01' },
    ],
    [
      'press-kit --top',
      ['press-kit', L, '--top', '3', '--no-pdf'],
      'pressKit',
      { letter: L, top: 3, pdf: false },
    ],
    [
      'github issue-form',
      ['github', 'issue-form', L, '--write'],
      'issueForm',
      { letter: L, write: true },
    ],
    [
      'withdraw --erase',
      ['withdraw', L, 'eva-chen', '--reason', 'asked', '--erase'],
      'withdraw',
      { letter: L, id: 'eva-chen', reason: 'asked', erase: true },
    ],
    [
      'verify two ids',
      ['verify', L, 'a', 'b', '--by', 'desk'],
      'verify',
      { letter: L, ids: ['a', 'b'], by: 'desk' },
    ],
    [
      'invite',
      [
        'invite',
        L,
        '--name',
        'Ada',
        '--owner',
        'Anna',
        '--email',
        'a@b.org',
        '--contact-note',
        'mornings',
      ],
      'invite',
      { letter: L, name: 'Ada', owner: 'Anna', email: 'a@b.org', contactNote: 'mornings' },
    ],
    [
      'remind',
      ['remind', L, 'ada', '--note', 'called', '--reopen'],
      'remind',
      { letter: L, invitation: 'ada', note: 'called', reopen: true },
    ],
    [
      'answer agreed',
      ['answer', L, 'ada', 'agreed', '--evidence', 'm1', '--text', 'sha256:0123456789ab'],
      'answer',
      {
        letter: L,
        invitation: 'ada',
        answer: 'agreed',
        evidence: 'm1',
        text: 'sha256:0123456789ab',
      },
    ],
    [
      'reconfirm two ids',
      ['reconfirm', L, 'a', 'b', '--evidence', 'x.eml', '--channel', 'email'],
      'reconfirm',
      { letter: L, ids: ['a', 'b'], evidence: 'x.eml', channel: 'email' },
    ],
    [
      'outreach --owner',
      ['outreach', L, '--owner', 'Anna', '--json'],
      'outreach',
      { letter: L, owner: 'Anna' },
    ],
    [
      'reject',
      ['reject', L, 'fake', '--reason', 'denied'],
      'reject',
      { letter: L, ids: ['fake'], reason: 'denied' },
    ],
    [
      'distinct',
      ['distinct', L, 'al-2', 'al', 'al-3'],
      'distinct',
      { letter: L, id: 'al-2', others: ['al', 'al-3'] },
    ],
    [
      'import with defaults',
      ['import', 'f.csv', L, '--map', 'Full name=name', '--group', 'industry', '--skip-invalid'],
      'importCsv',
      { file: 'f.csv', letter: L, map: 'Full name=name', group: 'industry', skipInvalid: true },
    ],
    [
      'import from stdin',
      ['import', '-', L, '--dry-run'],
      'importCsv',
      { file: '-', letter: L, dryRun: true },
    ],
    ['export, csv by default', ['export', L], 'exportLetter', { letter: L, format: 'csv' }],
    [
      'export json, all',
      ['export', L, '--format', 'json', '--status', 'all', '--bom', '--out', 'x'],
      'exportLetter',
      { letter: L, format: 'json', status: 'all', bom: true, out: 'x' },
    ],
    [
      'init, repeated flags',
      [
        'init',
        'letters/x',
        '--organiser',
        'A',
        '--organiser',
        'B',
        '--group',
        'G',
        '--verification',
        'required',
        '-y',
      ],
      'init',
      {
        dir: 'letters/x',
        organiser: ['A', 'B'],
        group: ['G'],
        verification: 'required',
        yes: true,
      },
    ],
    [
      'fmt --check',
      ['fmt', '--check'],
      'fmt',
      { letters: [], check: true, layout: undefined, sortKeys: undefined },
    ],
    [
      'fmt --layout --sort-keys',
      ['fmt', L, '--layout', 'sharded', '--sort-keys'],
      'fmt',
      { letters: [L], check: undefined, layout: 'sharded', sortKeys: true },
    ],
    [
      'schema kind',
      ['schema', 'signature'],
      'schema',
      { kind: 'signature', out: undefined, update: undefined },
    ],
    [
      'schema --update',
      ['schema', '--update'],
      'schema',
      { kind: undefined, out: undefined, update: true },
    ],
    [
      'schema --update letter',
      ['schema', '--update', L],
      'schema',
      { kind: undefined, out: undefined, update: L },
    ],
    [
      'check, defaults',
      ['check'],
      'check',
      {
        letters: [],
        strict: undefined,
        base: undefined,
        role: 'contributor',
        maxAdded: undefined,
        author: undefined,
      },
    ],
    [
      'check a change',
      [
        'check',
        L,
        '--base',
        'origin/main',
        '--role',
        'editor',
        '--max-added',
        '3',
        '--author',
        'octocat',
        '--strict',
      ],
      'check',
      {
        letters: [L],
        strict: true,
        base: 'origin/main',
        role: 'editor',
        maxAdded: 3,
        author: 'octocat',
      },
    ],
    [
      'check --publish',
      ['check', L, '--publish'],
      'check',
      {
        letters: [L],
        strict: undefined,
        publish: true,
        base: undefined,
        role: 'contributor',
        maxAdded: undefined,
        author: undefined,
      },
    ],
    [
      'check --author without --base (the command refuses it)',
      ['check', '--author', 'octocat'],
      'check',
      {
        letters: [],
        strict: undefined,
        base: undefined,
        role: 'contributor',
        maxAdded: undefined,
        author: 'octocat',
      },
    ],
    [
      'render',
      ['render', L, '--format', 'md,pdf', '--lang', 'all', '--out', 'public'],
      'render',
      { letter: L, out: 'public', formats: 'md,pdf', lang: 'all', template: undefined },
    ],
    ['log -n', ['log', L, '-n', '5'], 'log', { letter: L, limit: 5 }],
    [
      'list',
      ['list', L, '--status', 'all', '--github', 'octocat'],
      'list',
      { letter: L, status: 'all', includePrivate: undefined, github: 'octocat' },
    ],
    ['stats', ['stats', L, '--json'], 'stats', { letter: L }],
    ['changelog', ['changelog', L], 'changelog', { letter: L }],
  ])('%s', async (_, argv, fn, options) => {
    expect(await optionsOf(argv)).toEqual([[fn, options]]);
  });

  it('completion takes the shell and the command table', async () => {
    const calls = await optionsOf(['completion', 'fish']);
    expect(calls.map(([fn, shell]) => [fn, shell])).toEqual([['completionScript', 'fish']]);
  });

  it('refuses malformed numbers before any command runs', async () => {
    await expect(optionsOf(['log', L, '-n', '0'])).rejects.toThrow(/at least 1/);
    await expect(optionsOf(['check', '--base', 'x', '--max-added', 'two'])).rejects.toThrow(
      /at least 1/,
    );
  });
});
