import { skipString } from './objects.js';

/** One operator of a content stream: its name, and where it and its operands sit in the text. */
export interface ContentOp {
  readonly op: string;
  /** Where its first operand (or the operator itself) starts. */
  readonly start: number;
  /** Just after the operator. */
  readonly end: number;
  /** Its operands' text, as written: kept for marked content and fonts only (empty for others). */
  readonly operands: string;
}

/** Character codes that end a regular run (white space and delimiters). */
const ENDS_RUN = new Uint8Array(256);
for (const char of ' \t\n\f\r\0()<>[]{}/%') ENDS_RUN[char.charCodeAt(0)] = 1;
/** Operators whose operands are kept as text (the others' are read, when needed, from `start` to `end`). */
const OPERANDS_READ = new Set(['BDC', 'BMC', 'DP', 'MP', 'Tf']);

/**
 * Splits a decoded content stream into operators with their operands: strings (literal,
 * nested and escaped, or hex), names, array and dictionary brackets are operands, stepped
 * over whole, so no `)` or `EMC` inside a string is taken for structure; inline-image data
 * (BI … ID … EI) is one operator. Linear in the stream's length.
 */
export function contentOps(text: string): ContentOp[] {
  const ops: ContentOp[] = [];
  let operandsStart = -1;
  let inlineImage = -1;
  const length = text.length;
  for (let at = 0; at < length; ) {
    const code = text.charCodeAt(at);
    // White space: NUL, tab, LF, FF, CR, space.
    if (code === 32 || code === 10 || code === 13 || code === 9 || code === 12 || code === 0) {
      at += 1;
      continue;
    }
    if (code === 37 /* % */) {
      while (at < length && text.charCodeAt(at) !== 10 && text.charCodeAt(at) !== 13) at += 1;
      continue;
    }
    if (operandsStart === -1) operandsStart = at;
    if (code === 40 /* ( */ || (code === 60 /* < */ && text.charCodeAt(at + 1) !== 60)) {
      at = skipString(text, at);
      continue;
    }
    if (code === 60 || code === 62 /* << >> */) {
      at += text.charCodeAt(at + 1) === code ? 2 : 1;
      continue;
    }
    if (code === 91 || code === 93 || code === 123 || code === 125 /* [ ] { } */ || code === 41 /* stray ) */) {
      at += 1;
      continue;
    }
    let end = code === 47 /* / */ ? at + 1 : at;
    while (end < length && ENDS_RUN[text.charCodeAt(end) & 0xff] !== 1) end += 1;
    if (end === at) end += 1;
    // A name, a number or a keyword operand: part of the next operator's operands.
    if (code === 47 || (code >= 48 && code <= 57) || code === 43 || code === 45 || code === 46) {
      at = end;
      continue;
    }
    const word = text.slice(at, end);
    if (word === 'true' || word === 'false' || word === 'null') {
      at = end;
      continue;
    }
    if (word === 'BI') inlineImage = operandsStart;
    if (word === 'ID') {
      // Inline image data runs to the next white-space-delimited EI.
      const ei = /\sEI(?=\s|$)/g;
      ei.lastIndex = end;
      const found = ei.exec(text);
      const stop = found === null ? length : found.index + found[0].length;
      ops.push({ op: 'BI…EI', start: inlineImage === -1 ? operandsStart : inlineImage, end: stop, operands: '' });
      inlineImage = -1;
      operandsStart = -1;
      at = stop;
      continue;
    }
    if (word !== 'BI')
      ops.push({
        op: word,
        start: operandsStart,
        end,
        operands: OPERANDS_READ.has(word) ? text.slice(operandsStart, at).trim() : '',
      });
    operandsStart = word === 'BI' ? operandsStart : -1;
    at = end;
  }
  return ops;
}
