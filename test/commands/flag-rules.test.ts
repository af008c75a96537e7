import { describe, expect, it } from 'vitest';
import { check } from '../../src/commands/check.js';
import { signFromIssue } from '../../src/commands/sign-from-issue.js';
import { UsageError } from '../../src/errors.js';
import { testContext } from '../helpers/context.js';

// Rules about flags live in the command (STYLE habit 2): each refuses with a UsageError (exit 2)
// before it reads anything, so a folder that does not exist is enough.
describe('flag rules kept by the commands', () => {
  it('check refuses --author, --role and --max-added without --base', async () => {
    const { ctx } = testContext('/nowhere');
    for (const o of [{ author: 'octocat' }, { role: 'editor' as const }, { maxAdded: 2 }]) {
      const e = await check({ letters: [], ...o }, ctx).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(UsageError);
      expect((e as Error).message).toBe(
        '--author, --role and --max-added judge a change: give --base too',
      );
    }
  });

  it('sign --from-issue refuses the flags that give a field, naming each', async () => {
    const { ctx } = testContext('/nowhere');
    const o = { letter: 'l', event: 'e.json', fromIssue: 'e.json', name: 'Ada', sortAs: 'A' };
    const e = await signFromIssue({ ...o, dryRun: true, yes: true, json: true }, ctx).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(UsageError);
    expect((e as Error).message).toBe(
      '--from-issue takes every field from the issue: drop --name, --sort-as',
    );
  });
});
