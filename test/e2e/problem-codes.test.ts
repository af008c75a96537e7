// The binary's contract for `letter check --list-codes`: exit 0 anywhere (no letter needed),
// one line per code for people, and JSON that parses with --json or --format json.
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { listProblemCodes } from '../../src/commands/check-codes.js';
import { letter } from '../helpers/cli.js';

describe('letter check --list-codes', () => {
  it('prints one line per code, outside any letter, and exits 0', async () => {
    const run = await letter(tmpdir(), ['check', '--list-codes']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(listProblemCodes().length);
    expect(lines[0]).toBe(
      'not-a-letter                 error    a folder under letters/ has no letter.yaml',
    );
  });

  it('prints the codes as a JSON array of code, severity and description', async () => {
    for (const flags of [['--json'], ['--format', 'json']]) {
      const run = await letter(tmpdir(), ['check', '--list-codes', ...flags]);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toEqual(listProblemCodes());
    }
  });
});
