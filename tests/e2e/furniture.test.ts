import { execFileSync } from 'node:child_process';
import { appendFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copySample, tempDir } from '../helpers/content.js';
import { runCli } from '../helpers/cli.js';
import { editFile } from '../helpers/small-project.js';

interface Word {
  readonly text: string;
  readonly xMin: number;
  readonly xMax: number;
  readonly yMin: number;
}

/** Every word of a PDF's first page with its box, from `pdftotext -bbox`. */
function wordsOf(pdf: string): Word[] {
  const xml = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' });
  return [...xml.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g)].map(
    (m) => ({ xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), text: m[4]! }),
  );
}

/** The words on the same printed line as `word` (same top, to a tenth of a point), left to right. */
function lineOf(words: readonly Word[], word: Word): Word[] {
  return words.filter((w) => Math.abs(w.yMin - word.yMin) < 0.1).sort((a, b) => a.xMin - b.xMin);
}

// A space at the status table's 8.5 pt is about 0.22 em: 1.9 pt.
const SPACE_PT = 1.8;

describe('page furniture', () => {
  it('keeps a gap between a long amount and its share, and a long kicker wraps without a lone word', async () => {
    const root = await copySample();
    // Niger's total becomes 3,8 milliards d’euros: the longest French amount, the one that touched "100 %".
    await editFile(
      join(root, 'funding.csv'),
      'Alternatives to the migrant economy in Agadez,Jobs and economic development,2016,25000000',
      'Alternatives to the migrant economy in Agadez,Jobs and economic development,2016,3689500000',
    );
    await editFile(
      join(root, 'factsheets.yml'),
      'series: Cadre de partenariat pour les migrations',
      // Long enough that, without balanced wrapping, "PAYS" goes alone onto the kicker's second line.
      'series: Cadre de partenariat pour les migrations, la mobilité et le retour digne',
    );
    // More prose: the brief prints at its densest fit step, where the data panel (and its table) is narrowest.
    const more =
      'Les partenaires ont aussi renforcé les contrôles et l’accueil des personnes de retour, avec des formations et des aides au démarrage d’activités dans les régions concernées par les départs.';
    const short =
      'Les partenaires ont aussi renforcé les contrôles et l’accueil des personnes de retour, avec des formations.';
    await appendFile(
      join(root, 'countries/niger.fr.md'),
      `\n${more} ${more} ${more}\n\n${more} ${more}\n\n${short} ${short}\n`,
    );
    const out = await tempDir('factsheets-furniture-');
    const result = await runCli(['build', '--content', root, '--only', 'niger', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout + result.stderr).toContain('"dense"');

    const words = wordsOf(join(out, 'fr/countries/niger.pdf'));
    const total = words.find((w) => w.text === 'Total');
    expect(total).toBeDefined();
    const row = lineOf(words, total!).map((w) => w.text);
    expect(row.join(' ')).toContain('3,8 milliards d’euros 100 %');
    const line = lineOf(words, total!);
    const share = line.findIndex((w) => w.text === '100');
    expect(line[share]!.xMin - line[share - 1]!.xMax).toBeGreaterThanOrEqual(SPACE_PT);

    // The kicker, in capitals, wraps: no line of it holds one word alone.
    const kicker = words.filter((w) => w.text === w.text.toUpperCase() && /\p{Lu}/u.test(w.text) && w.yMin < 120);
    const tops = [...new Set(kicker.map((w) => w.yMin.toFixed(1)))];
    expect(tops.length).toBeGreaterThan(1);
    for (const top of tops)
      expect(kicker.filter((w) => w.yMin.toFixed(1) === top).length, `kicker line at ${top}`).toBeGreaterThan(1);
  });
});
