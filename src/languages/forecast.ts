/**
 * The translation forecast's text work: how much longer (or shorter) a language runs than the
 * source, and a brief's prose stretched to that length. Pure; the CLI command prints the
 * stretched briefs in a scratch folder and reads how they fit.
 */

/**
 * Expected length of a translation from English, in percent more characters: common figures
 * for running text (French and Spanish run 15–25 % longer, German 20–35 %, Arabic about 10 %
 * shorter in characters). Rough by nature: the command lets a team set its own.
 */
export const DEFAULT_EXPANSION: Readonly<Record<string, number>> = {
  fr: 20,
  es: 20,
  pt: 20,
  it: 15,
  de: 30,
  nl: 25,
  ru: 15,
  pl: 20,
  ar: -10,
  am: 0,
  fa: 0,
  sw: 10,
};

/** `fr=25,de=35` (or `fr=+25%`) to percentages by language tag; an error names the part it cannot read. */
export function parseExpansions(text: string): Record<string, number> {
  const expansions: Record<string, number> = {};
  for (const part of text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')) {
    const match = /^([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\s*=\s*([+-]?\d+(?:\.\d+)?)\s*%?$/.exec(part);
    if (match === null) throw new Error(`"${part}" is not LANG=PERCENT (write for example fr=20 or ar=-10)`);
    const percent = Number(match[2]);
    if (percent <= -90 || percent > 300) throw new Error(`"${part}": an expansion runs from -90 to 300 percent`);
    expansions[match[1] ?? ''] = percent;
  }
  return expansions;
}

/** A plain word that can be repeated or dropped: letters, with the punctuation after it. */
const PLAIN_WORD = /^[\p{L}\p{M}’'-]+[,;:]?$/u;

/**
 * A paragraph with its length changed by `percent` of its characters: longer by repeating its
 * own plain words in order (so line breaks behave like the language's real words would),
 * shorter by dropping plain words before its last one. Figures (`{{money …}}`), links and
 * formatting are kept as they are.
 */
export function stretchText(text: string, percent: number): string {
  const words = text.split(/\s+/).filter((word) => word !== '');
  const target = Math.round(text.replace(/\s+/g, ' ').trim().length * (1 + percent / 100));
  const plain = words.filter((word) => PLAIN_WORD.test(word)).map((word) => word.replace(/[,;:]$/, ''));
  if (percent > 0 && plain.length > 0) {
    const last = words.pop() ?? '';
    let length = [...words, last].join(' ').length;
    for (let index = 0; length < target; index += 1) {
      const word = plain[index % plain.length] ?? '';
      words.push(word);
      length += word.length + 1;
    }
    words.push(last);
    return words.join(' ');
  }
  if (percent < 0) {
    let length = words.join(' ').length;
    for (let index = words.length - 2; index > 0 && length > target; index -= 1) {
      if (!PLAIN_WORD.test(words[index] ?? '')) continue;
      length -= (words[index] ?? '').length + 1;
      words.splice(index, 1);
    }
  }
  return words.join(' ');
}

/**
 * A brief's Markdown body with every paragraph and list item stretched; headings, tables,
 * quotes' attributions, code and blank lines are left alone, and the line count is kept (each
 * paragraph becomes one line, padded with blank lines), so that messages still point at the source.
 */
export function stretchMarkdown(body: string, percent: number): string {
  const lines = body.split('\n');
  const out: string[] = [];
  let paragraph: string[] = [];
  let fenced = false;
  const flush = (): void => {
    if (paragraph.length === 0) return;
    const [marker = ''] = /^(\s*(?:[-*+]|\d+[.)])\s+|\s*>\s*)?/.exec(paragraph[0] ?? '') ?? [];
    const text = paragraph.map((line, index) => (index === 0 ? line.slice(marker.length) : line.trim())).join(' ');
    out.push(`${marker}${stretchText(text, percent)}`, ...paragraph.slice(1).map(() => ''));
    paragraph = [];
  };
  for (const line of lines) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const structural = fenced || /^\s*(```|~~~)/.test(line) || /^\s*(#|\||$)/.test(line);
    const itemStart = /^\s*(?:[-*+]|\d+[.)])\s+/.test(line);
    if (structural || itemStart) flush();
    if (structural) out.push(line);
    else paragraph.push(line);
  }
  flush();
  return out.join('\n');
}
