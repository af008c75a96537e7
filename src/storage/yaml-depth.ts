/**
 * How deep a YAML text nests, measured before any parser reads it: both YAML parsers
 * recurse once per level, and a few kilobytes of `- - - …` or `[[[…` (about 1,000 levels)
 * exhaust the stack. Pure, linear in the text.
 */

/**
 * The deepest nesting letter reads. Its own files nest at most four levels (letter.yaml:
 * groups, an item, names, a language); 32 leaves room for any hand-written file and stays
 * far below the depth at which a parser runs out of stack.
 */
export const MAX_YAML_DEPTH = 32;

/**
 * Where `text` first opens a collection deeper than `max` levels: its 1-based line and
 * column, or undefined when it never does. The count is an over-estimate, never an
 * under-estimate: a block level for each indentation step and each `- `, `? ` or `key: `
 * that opens one on a line, plus one for each open `[` or `{`. The text of quoted values,
 * block scalars (`|`, `>`) and comments is skipped.
 */
export function tooDeepAt(
  text: string,
  max = MAX_YAML_DEPTH,
): { line: number; column: number } | undefined {
  const lines = text.split('\n');
  // Open block levels: the column of each, and whether it is a mapping (a sequence may sit at its key's column).
  const cols: number[] = [];
  const maps: boolean[] = [];
  let flow = 0;
  let quote = '';
  let scalarParent: number | undefined;
  let found: { line: number; column: number } | undefined;

  for (let n = 0; n < lines.length && !found; n++) {
    const line = lines[n]!;
    const deeper = (col: number) => {
      if (cols.length + flow > max) found = { line: n + 1, column: col + 1 };
      return found !== undefined;
    };
    // Reads flow collections and quoted text from `from` on; stops at a comment.
    const inline = (from: number): void => {
      let prev = from === 0 ? '' : ' ';
      for (let i = from; i < line.length; i++) {
        const ch = line[i]!;
        if (quote === '"') {
          if (ch === '\\') i++;
          else if (ch === '"') quote = '';
        } else if (quote === "'") {
          if (ch === "'" && line[i + 1] === "'") i++;
          else if (ch === "'") quote = '';
        } else if (ch === '#' && (prev === '' || prev === ' ' || prev === '\t')) return;
        else if ((ch === '"' || ch === "'") && (prev === '' || '[{,:? \t'.includes(prev)))
          quote = ch;
        else if (ch === '[' || ch === '{') {
          flow++;
          if (deeper(i)) return;
        } else if ((ch === ']' || ch === '}') && flow > 0) flow--;
        if (ch !== ' ' && ch !== '\t') prev = ch;
        else if (prev !== '') prev = ' ';
      }
    };

    let c = 0;
    while (line[c] === ' ') c++;
    const blank = c >= line.length || line[c] === '\r' || line[c] === '#';
    if (scalarParent !== undefined) {
      if (blank || c > scalarParent) continue;
      scalarParent = undefined;
    }
    if (quote !== '' || flow > 0) {
      inline(0);
      continue;
    }
    if (blank) continue;
    const indicator = (at: number) =>
      '-?:'.includes(line[at] ?? '') && (at + 1 >= line.length || ' \t\r'.includes(line[at + 1]!));
    if (
      c === 0 &&
      (line.startsWith('---') || line.startsWith('...')) &&
      (line.length === 3 || ' \t\r'.includes(line[3]!))
    ) {
      cols.length = maps.length = 0;
      c = 3;
      while (line[c] === ' ' || line[c] === '\t') c++;
      if (c >= line.length || line[c] === '#') continue;
    }
    const seq = line[c] === '-' && indicator(c);
    while (cols.length > 0 && (cols.at(-1)! > c || (cols.at(-1)! === c && !(maps.at(-1) && seq)))) {
      cols.pop();
      maps.pop();
    }
    // "- ", "? " and ": " each open a level on this line ("- - - x").
    while (indicator(c)) {
      cols.push(c);
      maps.push(line[c] !== '-');
      if (deeper(c)) break;
      c++;
      while (line[c] === ' ' || line[c] === '\t') c++;
    }
    if (found || c >= line.length || line[c] === '#' || line[c] === '\r') continue;
    const colon = keyEnd(line, c);
    let value = c;
    if (colon >= 0) {
      cols.push(c);
      maps.push(true);
      if (deeper(c)) continue;
      value = colon + 1;
    }
    while (line[value] === ' ' || line[value] === '\t') value++;
    // Anchors and tags before the value.
    while (line[value] === '&' || line[value] === '!') {
      while (value < line.length && line[value] !== ' ') value++;
      while (line[value] === ' ') value++;
    }
    if (line[value] === '|' || line[value] === '>') scalarParent = cols.at(-1) ?? -1;
    // A plain value is text, brackets included; only a flow collection or a quote goes on.
    else if ('[{"\''.includes(line[value] ?? 'x')) inline(value);
  }
  return found;
}

/**
 * The column of the ":" that ends a key starting at `c` (plain, or quoted on one line), or -1
 * when the line holds no key there.
 */
function keyEnd(line: string, c: number): number {
  const q = line[c];
  let colon: number;
  if (q === '"' || q === "'") {
    let i = c + 1;
    for (; i < line.length && line[i] !== q; i++) if (q === '"' && line[i] === '\\') i++;
    colon = i + 1;
    while (line[colon] === ' ' || line[colon] === '\t') colon++;
    if (line[colon] !== ':') return -1;
  } else if (q === '[' || q === '{') return -1;
  else {
    // A plain key ends at the first ": " (or a ":" at the end of the line) before any comment.
    const comment = line.indexOf(' #', c);
    const end = comment < 0 ? line.length : comment;
    colon = line.indexOf(': ', c);
    if (colon < 0 || colon >= end)
      colon = line.slice(0, end).trimEnd().endsWith(':')
        ? line.slice(0, end).trimEnd().length - 1
        : -1;
    if (colon < c) return -1;
  }
  return colon + 1 >= line.length || ' \t\r'.includes(line[colon + 1]!) ? colon : -1;
}
