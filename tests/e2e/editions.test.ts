import { execFileSync } from 'node:child_process';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { copySample, tempDir, TEMPLATES } from '../helpers/content.js';
import { altTexts, outlineTitles, pageCount, pdfInfo, pdfText } from '../helpers/pdf.js';

const FRANCOPHONE = ['mali', 'niger', 'senegal', 'guinea', 'cote-d-ivoire'];
const NNBSP = '\u202f';

/** The document catalog's /Lang, read by qpdf (not by this project's PDF code). */
function catalogLanguage(path: string): string | undefined {
  const qdf = execFileSync('qpdf', ['--qdf', '--object-streams=disable', path, '-'], {
    maxBuffer: 64 * 1024 * 1024,
  }).toString('latin1');
  const catalog = qdf.split('endobj').find((object) => /\/Type \/Catalog\b/.test(object)) ?? '';
  return /\/Lang \(([^)]*)\)/.exec(catalog)?.[1];
}

describe('the sample in English and French, side by side', () => {
  let content: string;
  let out: string;
  let build: CliResult;

  beforeAll(async () => {
    content = await copySample();
    out = await tempDir('factsheets-editions-');
    build = await runCli(['build', '--content', content, '--out', out]);
  }, 180_000);

  it('writes every edition: the English ones where they were, the French ones under fr/', () => {
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    for (const name of FRANCOPHONE) {
      expect(existsSync(join(out, 'countries', `${name}.pdf`)), name).toBe(true);
      expect(pageCount(join(out, 'fr/countries', `${name}.pdf`)), name).toBe(1);
    }
    expect(pageCount(join(out, 'fr/factsheet.pdf'))).toBe(pageCount(join(out, 'factsheet.pdf')));
    expect(build.stdout).toContain('built  fr/countries/mali.pdf');
  });

  it('says its language in the PDF: /Lang, Title, Subject, Keywords and outline in French', () => {
    const mali = join(out, 'fr/countries/mali.pdf');
    expect(catalogLanguage(mali)).toBe('fr');
    expect(catalogLanguage(join(out, 'countries/mali.pdf'))).toBe('en');
    const info = pdfInfo(mali);
    expect(info['Title']).toBe(`Mali${NNBSP}: fiche pays`);
    expect(info['Keywords']).toMatch(/fiche pays|Sahel/);
    expect(info['Subject']).toMatch(/[éèàù]/);
    expect(outlineTitles(mali).join(' | ')).toMatch(/Les enjeux au Mali/);
    expect(catalogLanguage(join(out, 'fr/factsheet.pdf'))).toBe('fr');
  });

  it('prints figures the French way and every fixed word in French', () => {
    const text = pdfText(join(out, 'fr/countries/mali.pdf'));
    expect(text).toMatch(/\d+(,\d)? millions d’euros/);
    // The narrow space before % is printed (the brand font's thin space glyph) and extracted as a space.
    const raw = execFileSync('pdftotext', ['-enc', 'UTF-8', join(out, 'fr/countries/mali.pdf'), '-'], {
      encoding: 'utf8',
    });
    expect(raw).toMatch(/\d[ \u202f]%/);
    expect(raw).not.toMatch(/\d%/);
    expect(text).toContain('6 septembre 2017');
    for (const words of [
      'Financement par instrument',
      'Par statut',
      'Lignes de financement du jeu de données',
      'Données fictives',
      'Fiche pays',
    ]) {
      expect(text.toLowerCase(), words).toContain(words.toLowerCase());
    }
    for (const english of ['Funding by', 'By status', 'Sample data ', 'Country brief', 'already contracted'])
      expect(text, english).not.toContain(english);
    expect(altTexts(join(out, 'fr/countries/mali.pdf')).join(' ')).toMatch(
      /Carte situant Mali et ses voisins\u202f: .*Côte d’Ivoire.*Sénégal/u,
    );
    const factsheet = pdfText(join(out, 'fr/factsheet.pdf'));
    expect(factsheet).toMatch(/Page 2 sur 2/);
    expect(factsheet).toContain('Côte d’Ivoire');
    expect(factsheet).toMatch(/\d+(,\d)? milliards? d’euros/);
  });

  it("makes a pack per language, of that language's editions", () => {
    expect(build.stdout).toMatch(/22 built \(18 documents, 4 briefing packs\)/);
    const french = join(out, 'fr/briefing-pack.pdf');
    expect(catalogLanguage(french)).toBe('fr');
    expect(pdfInfo(french)['Title']).toBe(`Dossier d’information${NNBSP}: Cadre de partenariat pour les migrations`);
    const text = pdfText(french);
    expect(text).toContain(
      'Sommaire Cadre de partenariat pour les migrations Fiche d’information 3 Mali Fiche pays 5 Niger Fiche pays 6 Sénégal Fiche pays 7 Côte d’Ivoire Fiche pays 8 Guinée Fiche pays 9',
    );
    expect(text).toMatch(/Dossier d’information · page 2 sur \d+/);
    // 1 cover + 1 contents + the French factsheet (2 pages) + 5 briefs
    expect(pageCount(french)).toBe(9);
    expect(pdfText(join(out, 'briefing-pack.pdf'))).not.toContain('Fiche pays');
  });

  it('rebuilds only the French outputs after a French edit', async () => {
    const file = join(content, 'countries/mali.fr.md');
    await writeFile(file, (await readFile(file, 'utf8')).replace('Pays du Sahel', 'Pays sahélien'));
    const again = await runCli(['build', '--content', content, '--out', out]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('built  fr/countries/mali.pdf');
    expect(again.stdout).not.toMatch(/built {2}countries\/mali\.pdf/);
    // The French brief and the French pack, nothing English.
    expect(again.stdout).toMatch(/\b2 built \(1 document, the briefing pack\)/);
    expect(again.stdout).toContain('built  fr/briefing-pack.pdf');
  });

  it('builds one edition, or every edition of a document, with --only', async () => {
    const french = await runCli(['build', '--content', content, '--out', out, '--force', '--only', 'niger.fr']);
    expect(french.stdout.match(/^built .*$/gm)).toEqual([expect.stringContaining('fr/countries/niger.pdf')]);
    const both = await runCli(['build', '--content', content, '--out', out, '--force', '--only', 'niger']);
    expect(both.stdout.match(/^built .*$/gm)?.sort()).toEqual(
      [expect.stringContaining(' countries/niger.pdf'), expect.stringContaining('fr/countries/niger.pdf')].sort(),
    );
  });
});

describe('message files that do not match the templates', () => {
  it('fails the French editions with the file and the key, and builds the English ones', async () => {
    const templates = await tempDir('factsheets-messages-');
    await cp(TEMPLATES, templates, { recursive: true });
    const french = join(templates, 'messages/fr.yml');
    await writeFile(french, (await readFile(french, 'utf8')).replace(/^ {2}by_status: .*\n/m, ''));
    const content = await copySample();
    const out = await tempDir('factsheets-messages-out-');
    const result = await runCli(['build', '--content', content, '--templates', templates, '--out', out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `${join(templates, 'messages/fr.yml')}: error: message "brief.by_status" is missing`,
    );
    expect(result.stderr).toContain('(not built: factsheet.fr, cote-d-ivoire.fr, guinea.fr and 3 more)');
    expect(result.stderr).toContain('one-pager.hbs uses it at line');
    expect(existsSync(join(out, 'countries/mali.pdf'))).toBe(true);
    expect(existsSync(join(out, 'fr/countries/mali.pdf'))).toBe(false);
  }, 120_000);
});
