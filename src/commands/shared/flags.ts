/** How commands name their options as flags, for messages about the command line. */

/** An option's key as its flag: `dryRun` -> `--dry-run`. */
export function flagOf(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}
