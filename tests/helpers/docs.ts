import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT } from './content.js';

/** Every page of the documentation, by its path from the project's root. */
export function docPages(): string[] {
  const pages = readdirSync(join(PROJECT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`);
  return ['README.md', 'CONTRIBUTING.md', ...pages.sort()];
}

export function readDoc(page: string): string {
  return readFileSync(join(PROJECT, page), 'utf8');
}

/** A command written in a doc, where it is, and whether it stands in a shell block (to be run) or elsewhere. */
export interface DocCommand {
  readonly page: string;
  readonly line: number;
  readonly command: string;
  readonly kind: 'shell block' | 'CI step' | 'inline';
}

/** The fenced blocks of a page with their language and the line their first line of code is on. */
function fencedBlocks(text: string): { lang: string; line: number; lines: string[] }[] {
  const blocks: { lang: string; line: number; lines: string[] }[] = [];
  let open: { lang: string; line: number; lines: string[] } | undefined;
  text.split('\n').forEach((row, index) => {
    const fence = /^\s*```(\S*)/.exec(row);
    if (fence !== null) {
      if (open === undefined) open = { lang: fence[1] ?? '', line: index + 2, lines: [] };
      else {
        blocks.push(open);
        open = undefined;
      }
    } else open?.lines.push(row);
  });
  return blocks;
}

/** `# …` at the end of a shell line is a comment (none of the docs' commands holds a `#` of its own). */
function withoutComment(row: string): string {
  return row.replace(/(^|\s)#.*$/, '').trim();
}

/** The commands of a page: lines of ```sh blocks, `run:` steps of ```yaml blocks, and inline `npm …`, `npx …`, `factsheets …`, `node …`. */
export function docCommands(page: string): DocCommand[] {
  const text = readDoc(page);
  const commands: DocCommand[] = [];
  for (const block of fencedBlocks(text)) {
    if (block.lang === 'sh') {
      block.lines.forEach((row, offset) => {
        const command = withoutComment(row);
        if (command !== '') commands.push({ page, line: block.line + offset, command, kind: 'shell block' });
      });
    } else if (block.lang === 'yaml') {
      let script: number | undefined;
      block.lines.forEach((row, offset) => {
        const indent = row.length - row.trimStart().length;
        if (script !== undefined && indent > script && row.trim() !== '') {
          commands.push({ page, line: block.line + offset, command: withoutComment(row), kind: 'CI step' });
          return;
        }
        script = undefined;
        const run = /^(\s*)(?:- )?run: (.+)$/.exec(row) ?? /^(\s*)steps: \[\{ run: (.+?) \}\]$/.exec(row);
        if (run === null) return;
        if (run[2]?.trim() === '|') script = (run[1] ?? '').length;
        else commands.push({ page, line: block.line + offset, command: withoutComment(run[2] ?? ''), kind: 'CI step' });
      });
    }
  }
  const outsideBlocks = text.replace(/```[\s\S]*?```/g, (block) => block.replace(/[^\n]/g, ' '));
  for (const match of outsideBlocks.matchAll(/`((?:npm|npx|node|factsheets) [^`]+)`/g)) {
    const line = outsideBlocks.slice(0, match.index).split('\n').length;
    commands.push({ page, line, command: match[1] ?? '', kind: 'inline' });
  }
  return commands;
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces as dashes. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The anchors a page's headings give (a repeated heading gets `-1`, `-2`, … as on GitHub). */
export function pageAnchors(text: string): Set<string> {
  const anchors = new Set<string>();
  const withoutBlocks = text.replace(/```[\s\S]*?```/g, '');
  for (const match of withoutBlocks.matchAll(/^#{1,6} (.+)$/gm)) {
    const base = headingAnchor(match[1] ?? '');
    let anchor = base;
    for (let n = 1; anchors.has(anchor); n += 1) anchor = `${base}-${n}`;
    anchors.add(anchor);
  }
  return anchors;
}
