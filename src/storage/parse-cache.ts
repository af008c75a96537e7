/**
 * A cache of parsed signature files, outside git, so that a run only parses the files that
 * changed since the last one. Each entry is keyed by the file's name and identity (size,
 * modification and change times, inode); any difference and the file is parsed again.
 * Only valid files are cached: an invalid one is parsed every time, so its problems are
 * always reported with their positions.
 *
 * Location: $LETTER_CACHE_DIR, else $XDG_CACHE_HOME/letter, else ~/.cache/letter; one file
 * per letter folder, named by a hash of its real path. LETTER_NO_CACHE=1 turns it off.
 * A cache that cannot be read or written is ignored: it only ever saves time.
 */
import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import { readFile, realpath } from 'node:fs/promises';
import { homedir } from 'node:os';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import pkg from '../../package.json' with { type: 'json' };
import type { NameSeed } from '../letter/duplicates.js';
import type { ErasedFile, SignatureFile } from '../letter/schema.js';

/** What the cache keeps of one valid file. */
export type CachedValue = { kind: 'signature'; data: SignatureFile; seed: NameSeed } | { kind: 'erased'; data: ErasedFile };

interface Entry {
  id: string;
  value: CachedValue;
}

interface CacheFile {
  version: string;
  entries: Record<string, Entry>;
}

const VERSION = `letter ${pkg.version} cache 3`;

function identity(st: Stats): string {
  return `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}`;
}

/** The cache folder from the environment, or undefined when caching is off. */
export function cacheDir(env: Record<string, string | undefined> = process.env): string | undefined {
  if (env.LETTER_NO_CACHE && env.LETTER_NO_CACHE !== '0') return undefined;
  if (env.LETTER_CACHE_DIR) return env.LETTER_CACHE_DIR;
  return path.join(env.XDG_CACHE_HOME || path.join(homedir(), '.cache'), 'letter');
}

/** The parsed files of one letter folder, as of the last run. */
export class ParseCache {
  private readonly next: Record<string, Entry> = {};
  private dirty = false;

  private constructor(
    private readonly file: string | undefined,
    private readonly previous: Record<string, Entry>,
  ) {}

  /** Opens the cache of the signatures folder `dir`; an absent or unreadable cache is empty. */
  static async open(dir: string): Promise<ParseCache> {
    const folder = cacheDir();
    if (!folder) return new ParseCache(undefined, {});
    let real = dir;
    try {
      real = await realpath(dir);
    } catch {
      // a missing folder has nothing to cache
    }
    const file = path.join(folder, `${createHash('sha256').update(real).digest('hex').slice(0, 32)}.json`);
    try {
      const data = JSON.parse(await readFile(file, 'utf8')) as CacheFile;
      return new ParseCache(file, data.version === VERSION && data.entries ? data.entries : {});
    } catch {
      return new ParseCache(file, {});
    }
  }

  /** The cached value of `name` if the file is unchanged since it was cached. */
  get(name: string, st: Stats): CachedValue | undefined {
    const key = `${name}\u0000${identity(st)}`;
    const hit = this.previous[key];
    if (hit) this.next[key] = hit;
    return hit?.value;
  }

  /** Remembers the value of a file just parsed. */
  set(name: string, st: Stats, value: CachedValue): void {
    this.next[`${name}\u0000${identity(st)}`] = { id: name, value };
    this.dirty = true;
  }

  /** Writes the cache when anything changed (files added, changed or removed); errors are ignored. */
  async save(): Promise<void> {
    if (!this.file) return;
    if (!this.dirty && Object.keys(this.next).length === Object.keys(this.previous).length) return;
    try {
      const { mkdir } = await import('node:fs/promises');
      await mkdir(path.dirname(this.file), { recursive: true });
      await writeFileAtomic(this.file, JSON.stringify({ version: VERSION, entries: this.next } satisfies CacheFile));
    } catch (e) {
      // a cache is only an optimisation
      if (process.env.LETTER_DEBUG_CACHE) console.error(e);
    }
  }
}
