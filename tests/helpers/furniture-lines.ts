import { execFileSync } from 'node:child_process';

/**
 * Page furniture found in a real printed PDF (pdftotext -bbox-layout), line by line, and the three
 * ways it goes wrong: a line of it holding one word alone, two pieces overlapping or touching,
 * a piece leaving the page.
 */

export interface Token {
  readonly text: string;
  readonly key: string;
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
  readonly yMax: number;
}
export interface PdfPage {
  readonly number: number;
  readonly width: number;
  readonly height: number;
  readonly tokens: readonly Token[];
  readonly lines: readonly (readonly Token[])[];
}

/** One piece of furniture as the reader sees it: a message with its values filled in. */
export interface Piece {
  readonly name: string;
  readonly text: string;
}
/**
 * Pieces printed one after another in reading order (a table row: label, amount, share; a
 * heading and its badge), looked for together so that a word as common as "Total" is found in its
 * row and nowhere else. `pages` limits the search (1-based); every place the group is found is checked.
 */
export interface Group {
  readonly pieces: readonly Piece[];
  readonly pages?: readonly number[];
}

/** One place a piece is printed: its tokens, and each of its words' tokens. */
export interface Found {
  readonly piece: Piece;
  readonly page: number;
  readonly groupSize: number;
  readonly tokens: readonly Token[];
  readonly words: readonly (readonly Token[])[];
}

const ARABIC = /[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]/u;

/**
 * What a word is compared by: its letters and digits only, lower case, canonical. Marks,
 * punctuation, spaces of every width and bidi marks differ between a message and the PDF's
 * text layer (pdftotext splits "100 %" or not, drops an RLM, writes "·" apart); letters do not.
 */
export function keyOf(text: string): string {
  // Lam and alef too are left out: pdftotext writes the lam-alef ligature's two letters in either order.
  return [...text.normalize('NFKC').toLocaleLowerCase()]
    .filter((char) => /[\p{L}\p{N}]/u.test(char) && !/[\u0644\u0627\u0623\u0625\u0622]/u.test(char))
    .join('');
}

/** Every page's words with their boxes (points from the top left), line by line in logical order. */
export function pagesOf(pdf: string): PdfPage[] {
  const xml = execFileSync('pdftotext', ['-bbox-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const pages: PdfPage[] = [];
  for (const [index, page] of xml
    .split(/<page /)
    .slice(1)
    .entries()) {
    const size = /^width="([\d.]+)" height="([\d.]+)"/.exec(page);
    const tokens: Token[] = [];
    const lines: Token[][] = [];
    for (const lineXml of page.split(/<line /).slice(1)) {
      const words = [
        ...lineXml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g),
      ].map((match) => {
        const text = decode(match[5] ?? '');
        // pdftotext writes an Arabic word in drawing order: its letters reversed.
        const key = ARABIC.test(text) ? [...keyOf(text)].reverse().join('') : keyOf(text);
        return {
          text,
          key,
          xMin: Number(match[1]),
          yMin: Number(match[2]),
          xMax: Number(match[3]),
          yMax: Number(match[4]),
        };
      });
      // …and a right-to-left line from left to right: its words read from the right.
      if (words.some((word) => ARABIC.test(word.text))) words.reverse();
      const kept = words.filter((word) => word.key !== '');
      if (kept.length > 0) lines.push(kept);
      tokens.push(...kept);
    }
    pages.push({ number: index + 1, width: Number(size?.[1]), height: Number(size?.[2]), tokens, lines });
  }
  return pages;
}

function decode(text: string): string {
  return text
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");
}

/** A piece's words, each as the letters it is compared by. */
function wordKeys(piece: Piece): string[] {
  return piece.text
    .split(/[\s\u00a0\u202f]+/)
    .map(keyOf)
    .filter((key) => key !== '');
}

/**
 * Every place one piece is printed: tokens whose letters are its letters, read on along a line
 * and then onto a line just below that overlaps it (pdftotext reads other blocks in between, so
 * its order of lines is not followed), cut back into the piece's words.
 */
function placesOf(page: PdfPage, piece: Piece, groupSize: number): Found[] {
  const keys = wordKeys(piece);
  const target = keys.join('');
  const where = new Map<Token, { line: number; at: number }>();
  for (const [number, line] of page.lines.entries())
    for (const [at, token] of line.entries()) where.set(token, { line: number, at });
  const next = (run: readonly Token[]): Token[] => {
    const last = run.at(-1)!;
    const { line, at } = where.get(last)!;
    const same = page.lines[line]![at + 1];
    if (same !== undefined) return [same];
    const left = Math.min(...run.map((token) => token.xMin));
    const right = Math.max(...run.map((token) => token.xMax));
    return page.lines
      .map((candidate) => candidate[0]!)
      .filter(
        (first) =>
          first.yMin > last.yMin + (last.yMax - last.yMin) / 3 &&
          first.yMin - last.yMin < 2 * (last.yMax - last.yMin) &&
          first.xMin < right &&
          first.xMax > left,
      );
  };
  const runs: Token[][] = [];
  const extend = (run: Token[], text: string): void => {
    if (text === target) {
      runs.push(run);
      return;
    }
    for (const token of next(run))
      if (target.startsWith(text + token.key, 0)) extend([...run, token], text + token.key);
  };
  for (const token of page.tokens) if (target !== '' && target.startsWith(token.key)) extend([token], token.key);
  return runs.map((run) => ({ piece, page: page.number, groupSize, tokens: run, words: wordsOf(run, keys) }));
}

/** A run's tokens word by word: a token pdftotext cut in two belongs to one word, a hyphenated word's halves too. */
function wordsOf(run: readonly Token[], keys: readonly string[]): Token[][] {
  const words: Token[][] = [];
  let token = 0;
  let used = 0;
  for (const word of keys) {
    const tokens: Token[] = [];
    for (let left = word.length; left > 0; ) {
      const current = run[token]!;
      const take = Math.min(left, current.key.length - used);
      tokens.push(current);
      left -= take;
      used += take;
      if (used === current.key.length) {
        token += 1;
        used = 0;
      }
    }
    words.push(tokens);
  }
  return words;
}

const centre = (token: Token): number => (token.yMin + token.yMax) / 2;

/**
 * The printed lines of a piece, each token numbered by its line: tokens whose middles are less
 * than a third of their height apart share one (an Arabic letter pdftotext writes apart has a box
 * of its own height; a line is not pdftotext's line, which may put a cell's text apart).
 */
function linesOf(tokens: readonly Token[]): Map<Token, number> {
  const lines: Token[] = [];
  const lineOf = new Map<Token, number>();
  for (const token of [...tokens].sort((a, b) => centre(a) - centre(b))) {
    const last = lines.at(-1);
    if (
      last === undefined ||
      centre(token) - centre(last) > Math.min(token.yMax - token.yMin, last.yMax - last.yMin) / 3
    )
      lines.push(token);
    lineOf.set(token, lines.length - 1);
  }
  return lineOf;
}

/** How far the next piece of a group starts from the end of the last one: beside it on its line, or on the next line. */
function distance(from: Token, to: Token): number | undefined {
  const dx = Math.max(0, Math.max(from.xMin, to.xMin) - Math.min(from.xMax, to.xMax));
  const dy = Math.max(0, Math.max(from.yMin, to.yMin) - Math.min(from.yMax, to.yMax));
  return dy > from.yMax - from.yMin ? undefined : dx + 3 * dy;
}

/**
 * Every place a group is printed: each of its pieces found alone, then chained, each piece to the
 * nearest place of the next one beside it or just below it (pdftotext reads a table's cells in
 * an order of its own, so a row is not one run of text).
 */
export function findGroup(pages: readonly PdfPage[], group: Group): Found[] {
  const found: Found[] = [];
  for (const page of pages) {
    if (group.pages !== undefined && !group.pages.includes(page.number)) continue;
    const places = group.pieces.map((piece) => placesOf(page, piece, group.pieces.length));
    for (const first of places[0] ?? []) {
      const chain = [first];
      for (const next of places.slice(1)) {
        const ends = chain.at(-1)!.tokens;
        const best = next
          .filter((place) => !chain.some((taken) => taken.tokens.some((token) => place.tokens.includes(token))))
          .map((place) => ({
            place,
            far: Math.min(...ends.flatMap((end) => place.tokens.map((token) => distance(end, token) ?? Infinity))),
          }))
          .filter(({ far }) => Number.isFinite(far))
          .sort((a, b) => a.far - b.far)[0];
        if (best === undefined) break;
        chain.push(best.place);
      }
      if (chain.length === group.pieces.length) found.push(...chain);
    }
  }
  return found;
}

/**
 * The places that are another piece's text found again inside a longer piece (a country's name in
 * the footer line "Congo (CD) · 28 September 2017", "Instrument" in "Funding by instrument"): not
 * furniture of their own, and no collision with the piece they are part of.
 */
export function withoutEchoes(found: readonly Found[]): Found[] {
  const inside = (place: Found, other: Found): boolean =>
    other !== place && other.page === place.page && place.tokens.every((token) => other.tokens.includes(token));
  const kept = found.filter(
    (place) =>
      !found.some(
        (other) =>
          inside(place, other) && (other.tokens.length > place.tokens.length || other.groupSize > place.groupSize),
      ),
  );
  // The same place found twice (by two groups of one size): once.
  return kept.filter((place, index) => !kept.slice(0, index).some((other) => inside(place, other)));
}

/** "kicker: the line «PAYS» holds one word alone", for a piece of several words one of whose lines has only one. */
export function loneWords(found: Found): string[] {
  if (found.words.length < 2) return [];
  const lineOf = linesOf(found.tokens);
  const perLine = new Map<number, number>();
  for (const word of found.words)
    for (const line of new Set(word.map((token) => lineOf.get(token)!)))
      perLine.set(line, (perLine.get(line) ?? 0) + 1);
  if (perLine.size < 2) return [];
  return [...perLine]
    .filter(([, count]) => count === 1)
    .map(
      ([line]) =>
        `${found.piece.name} (page ${found.page}): the line "${found.tokens
          .filter((token) => lineOf.get(token) === line)
          .map((token) => token.text)
          .join(' ')}" holds one word alone, in "${found.piece.text}"`,
    );
}

/** Furniture keeps at least this far from the paper's edge (1 mm, a trimmer's tolerance): closer, it may be cut off. */
const EDGE_PT = (1 / 25.4) * 72;

export function offPage(found: Found, page: PdfPage): string[] {
  return found.tokens
    .filter(
      (token) =>
        token.xMin < EDGE_PT ||
        token.yMin < EDGE_PT ||
        token.xMax > page.width - EDGE_PT ||
        token.yMax > page.height - EDGE_PT,
    )
    .map(
      (token) =>
        `${found.piece.name} (page ${found.page}): "${token.text}" leaves the page at (${token.xMin.toFixed(1)}, ${token.yMin.toFixed(1)})–(${token.xMax.toFixed(1)}, ${token.yMax.toFixed(1)}) of ${page.width}×${page.height} pt`,
    );
}

/** Less than this between two pieces on one line (a thin space at 8 pt) and they touch. */
export const GAP_PT = 1.5;

/**
 * Two pieces collide when a word of one and a word of the other sit on one line (their boxes'
 * middle halves overlap vertically: pdftotext's boxes take the font's whole ascent and descent,
 * so stacked lines' full boxes overlap even with good leading) with less than GAP_PT between them.
 */
export function collisions(found: readonly Found[]): string[] {
  const problems: string[] = [];
  const middle = (token: Token): [number, number] => {
    const quarter = (token.yMax - token.yMin) / 4;
    return [token.yMin + quarter, token.yMax - quarter];
  };
  for (const [index, one] of found.entries()) {
    for (const other of found.slice(index + 1)) {
      if (one.page !== other.page) continue;
      const pair = one.tokens
        .flatMap((a) => other.tokens.map((b) => [a, b] as const))
        .find(([a, b]) => {
          // One token holding the end of one piece and the start of the next: printed with no gap at all.
          if (a === b) return true;
          const [aTop, aBottom] = middle(a);
          const [bTop, bBottom] = middle(b);
          if (aBottom <= bTop || bBottom <= aTop) return false;
          return Math.max(a.xMin, b.xMin) - Math.min(a.xMax, b.xMax) < GAP_PT;
        });
      if (pair !== undefined) {
        const [a, b] = pair;
        const gap = Math.max(a.xMin, b.xMin) - Math.min(a.xMax, b.xMax);
        problems.push(
          `${one.piece.name} and ${other.piece.name} (page ${one.page}): "${a.text}" and "${b.text}" ${gap < 0 ? 'overlap' : `are ${gap.toFixed(2)} pt apart`}`,
        );
      }
    }
  }
  return problems;
}
