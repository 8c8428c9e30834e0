// npm run docs:flags: writes the flag lists of docs/command-line.md from the CLI's table of
// flags (src/cli/flags.ts); tests/unit/cli-flags.test.ts fails while the page differs from it.
import { readFileSync, writeFileSync } from 'node:fs';
import { withGeneratedFlags } from '../src/cli/usage.js';

const PAGE = 'docs/command-line.md';
const before = readFileSync(PAGE, 'utf8');
const after = withGeneratedFlags(before);
if (after === before) process.stdout.write(`${PAGE} already lists every flag as src/cli/flags.ts has them\n`);
else {
  writeFileSync(PAGE, after);
  process.stdout.write(`${PAGE}: the flag lists written again from src/cli/flags.ts\n`);
}
