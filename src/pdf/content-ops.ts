import { skipString } from './objects.js';

/** One operator of a content stream: its name, and where it and its operands sit in the text. */
export interface ContentOp {
  readonly op: string;
  /** Where its first operand (or the operator itself) starts. */
  readonly start: number;
  /** Just after the operator. */
  readonly end: number;
  /** Its operands' text, as written. */
  readonly operands: string;
}

const DELIMITER = /[\s()<>[\]{}/%]/;

/**
 * Splits a decoded content stream into operators with their operands: strings (literal,
 * nested and escaped, or hex), arrays, dictionaries and inline-image data are stepped over
 * whole, so no `)` or `EMC` inside a string is taken for structure.
 */
export function contentOps(text: string): ContentOp[] {
  const ops: ContentOp[] = [];
  let operandsStart = -1;
  for (let at = 0; at < text.length;) {
    const char = text[at] ?? '';
    if (/\s/.test(char)) {
      at += 1;
      continue;
    }
    if (char === '%') {
      const newline = text.slice(at).search(/[\r\n]/);
      at = newline === -1 ? text.length : at + newline;
      continue;
    }
    if (operandsStart === -1) operandsStart = at;
    const end = operandEnd(text, at);
    if (end !== undefined) {
      at = end;
      continue;
    }
    let word = at;
    while (word < text.length && !DELIMITER.test(text[word] ?? '')) word += 1;
    if (word === at) word += 1;
    const op = text.slice(at, word);
    const isNumber = /^[+-]?(\d+\.?\d*|\.\d+)$/.test(op) || op === 'true' || op === 'false' || op === 'null';
    if (isNumber) {
      at = word;
      continue;
    }
    let opEnd = word;
    if (op === 'ID') {
      // Inline image data runs to the next whitespace-delimited EI.
      const ei = /\sEI(?=[\s]|$)/g;
      ei.lastIndex = word;
      const found = ei.exec(text);
      opEnd = found === null ? text.length : found.index + found[0].length;
    }
    ops.push({ op: op === 'ID' ? 'BI…EI' : op, start: operandsStart, end: opEnd, operands: text.slice(operandsStart, at).trim() });
    operandsStart = -1;
    at = opEnd;
  }
  // An inline image is BI, its dictionary, ID and data: one operator for what follows.
  return ops.filter((op, index) => !(op.op === 'BI' && ops[index + 1]?.op === 'BI…EI'));
}

/** If an operand that is not a plain word starts at `at` (string, array, dictionary, name), the index after it. */
function operandEnd(text: string, at: number): number | undefined {
  const char = text[at];
  if (char === '/') {
    let end = at + 1;
    while (end < text.length && !DELIMITER.test(text[end] ?? '')) end += 1;
    return end;
  }
  if (char === '(' || (char === '<' && text[at + 1] !== '<')) return skipString(text, at);
  if (char === '[' || (char === '<' && text[at + 1] === '<')) {
    const [open, close] = char === '[' ? ['[', ']'] : ['<<', '>>'];
    let depth = 0;
    for (let index = at; index < text.length;) {
      if (text.startsWith(open, index)) {
        depth += 1;
        index += open.length;
      } else if (text.startsWith(close, index)) {
        index += close.length;
        if (--depth === 0) return index;
      } else {
        const skipped = text.startsWith('<<', index) ? index : skipString(text, index);
        index = skipped === index ? index + 1 : skipped;
      }
    }
    return text.length;
  }
  if (char === ']' || char === '>' || char === '{' || char === '}') return at + 1;
  return undefined;
}
