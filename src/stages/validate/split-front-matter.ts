import { FactsheetsError } from '../../errors.js';

export interface SplitDocument {
  /** The YAML between the fences. */
  readonly yaml: string;
  /** File line of the YAML's first line (the line after the opening `---`). */
  readonly yamlFirstLine: number;
  /** The Markdown body, preceded by one empty line per front-matter line so positions match the file. */
  readonly body: string;
}

/**
 * Separates YAML front matter from the Markdown body. Only a bare `---` fence opens front
 * matter: a language after it (`---js`, `---coffee`) is refused here, before any parser sees
 * it, because such front matter is code and other tools execute it.
 */
export function splitFrontMatter(text: string, file: string): SplitDocument {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const opening = lines[0] ?? '';
  const language = /^---\s*([^\s-][^\s]*)\s*$/.exec(opening)?.[1];
  if (language !== undefined) {
    throw new FactsheetsError(`front matter in "${language}" is not accepted: only YAML front matter is`, {
      stage: 'validate',
      file,
      line: 1,
      column: 4,
      hint: 'Start the file with a line of exactly "---", write the fields as YAML, and close with "---".',
    });
  }
  if (!/^---\s*$/.test(opening)) {
    throw new FactsheetsError('the file has no front matter', {
      stage: 'validate',
      file,
      line: 1,
      column: 1,
      hint: 'Start the file with "---", the YAML fields (e.g. title: …), and a closing "---" line.',
    });
  }
  const closing = lines.findIndex((line, index) => index > 0 && /^(---|\.\.\.)\s*$/.test(line));
  if (closing === -1) {
    throw new FactsheetsError('the front matter is never closed', {
      stage: 'validate',
      file,
      line: 1,
      column: 1,
      hint: 'Add a line of exactly "---" after the last front-matter field.',
    });
  }
  return {
    yaml: lines.slice(1, closing).join('\n'),
    yamlFirstLine: 2,
    body: '\n'.repeat(closing + 1) + lines.slice(closing + 1).join('\n'),
  };
}
