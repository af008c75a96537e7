import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

/** Every .ts file under src/, relative to the repository root. */
function sources(dir = path.join(ROOT, 'src')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(path.join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [path.relative(ROOT, path.join(dir, e.name))]
        : [],
  );
}

// STYLE habit 6: Context is the only door to the process. Only src/cli.ts (which builds the
// Context of a real run) and bin/ may name the process's env and streams; everything below
// takes them from the Context (or, deep in storage, from the run's env: src/run-env.ts).
describe('Context is the only door to the process', () => {
  it('no file under src/ but src/cli.ts mentions process.env, process.stdout or process.stderr', () => {
    const files = sources();
    expect(files).toContain('src/storage/cache-dir.ts');
    const offenders = files
      .filter((f) => f !== path.join('src', 'cli.ts'))
      .flatMap((f) =>
        readFileSync(path.join(ROOT, f), 'utf8')
          .split('\n')
          .flatMap((line, i) =>
            /\bprocess\s*\.\s*(env|stdout|stderr)\b/.test(line)
              ? [`${f}:${i + 1}: ${line.trim()}`]
              : [],
          ),
      );
    expect(offenders).toEqual([]);
  });
});
