/**
 * The files of a letter folder that no loader reads as part of the format (its templates, a
 * README.md, a .gitignore, a stray file), for checks that scan every public text: contact
 * details must be in none of them.
 */
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { MAX_BODY_BYTES, PRIVATE_DIR, readBytes, SIGNATURES_DIR } from './layout.js';

/**
 * Every plain file under `dir` (any depth) but the signatures, the private store and the
 * files in `known` (shown paths, already read), with its text: shown path (`shown` joined
 * with the path inside the letter) and UTF-8 text. Symbolic links, folders' own entries,
 * files over the size of a text and files that are not text (a NUL byte) are left out:
 * other checks report what must be reported about them.
 */
export async function otherLetterTexts(
  dir: string,
  shown: string,
  known: ReadonlySet<string>,
): Promise<{ file: string; text: string }[]> {
  const out: { file: string; text: string }[] = [];
  const walk = async (rel: string): Promise<void> => {
    let names: string[];
    try {
      names = (await readdir(path.join(dir, rel))).sort();
    } catch {
      return;
    }
    for (const n of names) {
      const inLetter = rel === '' ? n : `${rel}/${n}`;
      if (inLetter === SIGNATURES_DIR || inLetter === PRIVATE_DIR) continue;
      const full = path.join(dir, inLetter);
      const st = await lstat(full).catch(() => undefined);
      if (!st || st.isSymbolicLink()) continue;
      if (st.isDirectory()) await walk(inLetter);
      else if (st.isFile() && st.size <= MAX_BODY_BYTES && !known.has(path.join(shown, inLetter))) {
        const bytes = await readBytes(full, path.join(shown, inLetter)).catch(() => undefined);
        if (bytes && !bytes.includes(0))
          out.push({ file: path.join(shown, inLetter), text: bytes.toString('utf8') });
      }
    }
  };
  await walk('');
  return out;
}
