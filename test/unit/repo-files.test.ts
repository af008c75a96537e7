import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_FILES, withLines } from '../../src/letter/repo-files.js';

const facts = { spec: 'letter@1.2.3', version: '1.2.3', branch: 'trunk' };
const text = (p: string) => REPO_FILES.find((f) => f.path === p)!.text(facts);

describe('withLines', () => {
  it.each([
    [undefined, 'out/\n*.lock/\n', 'out/\n*.lock/\n'],
    ['', 'out/\n', 'out/\n'],
    ['node_modules\nout/\n', 'out/\nnode_modules/\n*.lock/\n', 'node_modules\nout/\n*.lock/\n'],
    ['dist', 'out/\n', 'dist\nout/\n'],
    ['a\r\n  out/  \r\n', 'out/\n', undefined],
    [
      '* text=auto eol=lf\n',
      '* text=auto eol=lf\nletters/*/CHANGELOG.md merge=union\n',
      '* text=auto eol=lf\nletters/*/CHANGELOG.md merge=union\n',
    ],
  ])('%j gains the missing lines of %j: %j', (existing, wanted, expected) => {
    expect(withLines(existing, wanted)).toBe(expected);
  });
});

describe('the files of a campaign repository', () => {
  it('are the attributes and ignores always, the GitHub files with --github', () => {
    expect(REPO_FILES.map((f) => [f.path, f.kind, f.github])).toEqual([
      ['.gitattributes', 'lines', false],
      ['.gitignore', 'lines', false],
      ['.github/workflows/letter-check.yml', 'whole', true],
      ['.github/workflows/letter-publish.yml', 'whole', true],
      ['.github/pull_request_template.md', 'whole', true],
    ]);
    expect(text('.gitattributes')).toBe('* text=auto eol=lf\nletters/*/CHANGELOG.md merge=union\n');
    expect(text('.gitignore')).toBe('out/\n*.lock/\nnode_modules/\n');
  });

  it.each(['.github/workflows/letter-check.yml', '.github/workflows/letter-publish.yml'])(
    '%s: parses, pins the version, least permissions, no expression in a script',
    (p) => {
      const t = text(p);
      const doc = parse(t);
      expect(t).toContain('--ignore-scripts --prefix "$RUNNER_TEMP/letter" letter@1.2.3\n');
      expect(t).not.toContain('@latest');
      const steps: { run?: string; uses?: string; with?: Record<string, unknown> }[] =
        Object.values(doc.jobs as Record<string, { steps: never[] }>).flatMap((j) => j.steps);
      for (const s of steps) expect(s.run ?? '').not.toContain('${{');
      expect(doc.permissions).toEqual(p.endsWith('check.yml') ? { contents: 'read' } : {});
      // Every action by commit SHA, as tags can move.
      for (const s of steps) if (s.uses) expect(s.uses).toMatch(/^actions\/[a-z-]+@[0-9a-f]{40}$/);
    },
  );

  it('publishes with GitHub Pages after merges to the branch, the changelog job alone may push', () => {
    const doc = parse(text('.github/workflows/letter-publish.yml'));
    expect(doc.on.push.branches).toEqual(['trunk']);
    expect(
      Object.fromEntries(
        Object.entries(doc.jobs as Record<string, { permissions: unknown }>).map(([k, j]) => [
          k,
          j.permissions,
        ]),
      ),
    ).toEqual({
      changelog: { contents: 'write' },
      build: { contents: 'read' },
      deploy: { pages: 'write', 'id-token': 'write' },
    });
    expect(doc.jobs.build.steps.map((s: { uses?: string }) => s.uses).filter(Boolean)).toEqual([
      'actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683',
      'actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020',
      'actions/upload-pages-artifact@56afc609e74202658d3ffba0e8f6dda462b719fa',
    ]);
    expect(doc.jobs.build.steps[0].with['persist-credentials']).toBe(false);
    // Version names (v1, v2) come from history: a shallow checkout would name them by hash.
    expect(doc.jobs.build.steps[0].with['fetch-depth']).toBe(0);
    // Nothing is rendered for Pages before `letter check --publish` passed (a draft, an embargo).
    const script: string = doc.jobs.build.steps.find(
      (s: { name?: string }) => s.name === 'Render every letter',
    ).run;
    expect(script.indexOf('check --publish --format github "$dir"')).toBeGreaterThan(0);
    expect(script.indexOf('check --publish')).toBeLessThan(script.indexOf(' render "$dir"'));
    expect(doc.jobs.deploy.steps[0].uses).toBe(
      'actions/deploy-pages@d6db90164ac5ed86f2b6aed7e0febac5b3c0c03e',
    );
  });
});
