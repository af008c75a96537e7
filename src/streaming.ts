/**
 * Output made as it is written: lists read again from their source each time they are walked
 * (`Streamed`), text produced a piece at a time (`Iterable<string>`) and gathered into chunks
 * of about 64 KiB (`chunked`), and JSON written item by item (`jsonChunks`), byte for byte as
 * `JSON.stringify(value, null, 2)` would print it whole. Pure: no I/O.
 */

/**
 * A list of `length` items that holds none of them: each walk (`for...of`) reads them again
 * from `read`, which must give the same items in the same order every time.
 */
export class Streamed<T> implements Iterable<T> {
  /** How many items a walk gives (an own property, so that templates may read `list.length`). */
  readonly length: number;
  readonly #read: () => Iterable<T>;

  constructor(length: number, read: () => Iterable<T>) {
    this.length = length;
    this.#read = read;
  }

  [Symbol.iterator](): Iterator<T> {
    return this.#read()[Symbol.iterator]();
  }

  /** A list of the same length whose items are `f` of these, made as it is walked. */
  mapLazily<U>(f: (item: T) => U): Streamed<U> {
    const read = this.#read;
    return new Streamed(this.length, function* () {
      for (const item of read()) yield f(item);
    });
  }

  /** The items through `f`, as an array (holds them all: for small lists and tests). */
  map<U>(f: (item: T, index: number) => U): U[] {
    const out: U[] = [];
    for (const item of this) out.push(f(item, out.length));
    return out;
  }
}

/** Chunks of about this many UTF-16 code units (64 KiB of ASCII) that `chunked` gathers. */
export const CHUNK_SIZE = 1 << 16;

/** The pieces of `pieces` joined into chunks of at least `size` code units (the last may be shorter); no empty chunk. */
export function* chunked(pieces: Iterable<string>, size = CHUNK_SIZE): Generator<string> {
  let parts: string[] = [];
  let length = 0;
  for (const piece of pieces) {
    if (piece.length === 0) continue;
    parts.push(piece);
    length += piece.length;
    if (length >= size) {
      yield parts.join('');
      parts = [];
      length = 0;
    }
  }
  if (length > 0) yield parts.join('');
}

/**
 * The pieces of `pieces` with the whitespace at the very end of their concatenation left out
 * (what `String.prototype.trimEnd` leaves of the whole), holding back only trailing whitespace.
 */
export function* trimmedEnd(pieces: Iterable<string>): Generator<string> {
  let pending = '';
  for (const piece of pieces) {
    const kept = piece.trimEnd();
    if (kept.length === 0) {
      pending += piece;
      continue;
    }
    yield pending + kept;
    pending = piece.slice(kept.length);
  }
}

/**
 * The text of `JSON.stringify(value, null, 2)`, in pieces: a `Streamed` list anywhere in
 * `value` is written as an array an item at a time; everything else as `JSON.stringify`
 * writes it (`toJSON`, undefined and function values left out of objects, null in arrays).
 */
export function* jsonChunks(value: unknown, indent = ''): Generator<string> {
  if (value instanceof Streamed) {
    yield* jsonArray(value, indent);
    return;
  }
  if (!holdsStreamed(value)) {
    yield (JSON.stringify(value, null, 2) ?? 'null').replaceAll('\n', `\n${indent}`);
    return;
  }
  if (Array.isArray(value)) {
    yield* jsonArray(value, indent);
    return;
  }
  const entries = Object.entries(value as object).filter(
    ([, v]) => v instanceof Streamed || JSON.stringify(v) !== undefined,
  );
  if (entries.length === 0) {
    yield '{}';
    return;
  }
  const inner = `${indent}  `;
  yield '{';
  for (const [i, [k, v]] of entries.entries()) {
    yield `${i === 0 ? '' : ','}\n${inner}${JSON.stringify(k)}: `;
    yield* jsonChunks(v, inner);
  }
  yield `\n${indent}}`;
}

/** `JSON.stringify(value, null, 2)` and a newline, in pieces (see `jsonChunks`). */
export function* jsonDocument(value: unknown): Generator<string> {
  yield* jsonChunks(value);
  yield '\n';
}

/** An array's text, item by item, at `indent`. */
function* jsonArray(items: Iterable<unknown>, indent: string): Generator<string> {
  const inner = `${indent}  `;
  let first = true;
  for (const item of items) {
    yield `${first ? '[' : ','}\n${inner}`;
    first = false;
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') yield 'null';
    else yield* jsonChunks(item, inner);
  }
  yield first ? '[]' : `\n${indent}]`;
}

/** Whether `value` is a plain object or array with a `Streamed` list in it (at any depth). */
function holdsStreamed(value: unknown): boolean {
  if (value instanceof Streamed) return true;
  if (Array.isArray(value)) return value.some(holdsStreamed);
  if (
    value !== null &&
    typeof value === 'object' &&
    Object.getPrototypeOf(value) === Object.prototype
  )
    return Object.values(value).some(holdsStreamed);
  return false;
}
