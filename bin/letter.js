#!/usr/bin/env node
// `letter --version` answers before anything else loads; every other command goes to dist/cli.js.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-v')) {
  const { readFileSync } = await import('node:fs');
  process.stdout.write(
    `${JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version}\n`,
  );
} else {
  const cli = new URL('../dist/cli.js', import.meta.url);
  const { existsSync } = await import('node:fs');
  // The package holds dist/ (`prepack` built it). A clone of the repository builds it on the
  // first run instead of on `npm install`: npm warns about any package with an install script.
  if (!existsSync(cli) && existsSync(new URL('../src/cli.ts', import.meta.url))) {
    const { execSync } = await import('node:child_process');
    process.stderr.write('letter: building dist/ (first run in a clone of the repository)\n');
    try {
      execSync('npm run --silent build', {
        cwd: new URL('..', import.meta.url),
        stdio: ['ignore', 'ignore', 'inherit'],
      });
    } catch {
      process.stderr.write(
        'error: the build failed. Install the dev dependencies (npm install), then: npm run build\n',
      );
      process.exit(2);
    }
  }
  const { main } = await import(cli.href);
  process.exitCode = await main(args);
}
