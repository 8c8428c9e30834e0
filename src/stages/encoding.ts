/**
 * Where a file stops being UTF-8: the offset of the first byte that is not part of a valid
 * UTF-8 sequence, or undefined when the whole file is valid. A file saved as "ANSI"
 * (Windows-1252) or Latin-1 fails here at its first accented letter.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  const validPrefix = (length: number): boolean => {
    try {
      // stream: a sequence cut by the prefix's end is not an error, so validity only shrinks as the prefix grows.
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, length), { stream: true });
      return true;
    } catch {
      return false;
    }
  };
  if (isComplete(bytes)) return undefined;
  // The longest valid prefix (binary search)...
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (validPrefix(middle)) low = middle;
    else high = middle - 1;
  }
  // ...may end inside a sequence that never completes: the bad byte is where that one starts.
  let start = low;
  while (start > 0 && low - start < 3 && !isComplete(bytes.subarray(0, start))) start -= 1;
  return Math.min(start, bytes.length - 1);
}

/** Valid UTF-8 that does not end inside a multi-byte sequence. */
function isComplete(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** 1-based line of a byte offset. */
export function lineOfOffset(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset; index += 1) if (bytes[index] === 0x0a) line += 1;
  return line;
}
