import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/cli.js';
import { copyCountryRows, copyEnglishSample, SPARE_CODES, tempDir } from '../helpers/content.js';
import { pageCount, pageText } from '../helpers/pdf.js';

/** The sample has 9 one-pagers in English; 31 more make 40, every fourth with a 120-character name. */
const EXTRA = 31;
const LONG = new Set([1, 5, 9, 13, 17, 21, 25, 29]);

function countryName(index: number): string {
  if (!LONG.has(index)) return `Extra country ${index}`;
  return `Federated Coastal and Highland Provinces of the Northern Territories and the Autonomous Outer Islands, number ${String(index).padStart(2, '0')} Madeira`;
}

/** A pack title of 150 characters, for the cover. */
const PACK_TITLE =
  'Partnership Framework on Migration: country briefs and the programme factsheet for the coastal, highland and island provinces, 2016 to 2017 edition';

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('a briefing pack of 40 one-pagers, several with 120-character titles (real Chromium)', () => {
  let out: string;
  let build: CliResult;
  const names = new Map<string, string>();

  beforeAll(async () => {
    const content = await copyEnglishSample();
    for (let index = 1; index <= EXTRA; index += 1) {
      const name = countryName(index);
      names.set(`extra-${index}`, name);
      const iso = SPARE_CODES[index - 1] ?? 'ZW';
      await writeFile(
        join(content, `countries/extra-${index}.md`),
        `---\nname: ${name}\niso: ${iso}\n---\n\n## Why it matters\n\nA short narrative for a test country.\n`,
      );
      await copyCountryRows(content, 'ML', iso);
    }
    await appendFile(join(content, 'factsheets.yml'), `pack_title: "${PACK_TITLE}"\n`);
    out = await tempDir('factsheets-pack-long-');
    build = await runCli(['build', '--content', content, '--out', out, '--jobs', '2', '--quiet']);
  }, 300_000);

  it('builds every document and the pack', () => {
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    expect(build.stdout).toMatch(/^42 built \(41 documents, the briefing pack\), 0 failed in /);
    expect([...names.values()].filter((name) => name.length === 120)).toHaveLength(LONG.size);
  });

  it('wraps a long pack title on its one cover page', () => {
    expect(PACK_TITLE.length).toBeGreaterThan(140);
    const cover = pageText(join(out, 'briefing-pack.pdf'), 1);
    expect(cover).toContain(PACK_TITLE);
    expect(cover).toContain('1 factsheet and 40 country briefs');
    expect(pageText(join(out, 'briefing-pack.pdf'), 2)).toMatch(/^Contents /);
  });

  it('prints every title whole in the contents, each pointing at the page its document starts on', () => {
    const pack = join(out, 'briefing-pack.pdf');
    const total = pageCount(pack);
    // Cover, then the contents: the first page whose text is not contents starts the documents.
    let contentsEnd = 2;
    while (pageText(pack, contentsEnd + 1).startsWith('Contents, continued')) contentsEnd += 1;
    const contents = Array.from({ length: contentsEnd - 1 }, (_, index) => pageText(pack, index + 2)).join(' ');
    expect(contents).not.toContain('…');
    const seen = new Set<number>();
    for (const [file, name] of names) {
      const entry = new RegExp(`${escapeRegExp(name)} Country brief (\\d+)`).exec(contents);
      expect(entry, `${name} in the contents`).not.toBeNull();
      const page = Number(entry?.[1]);
      seen.add(page);
      expect(pageText(pack, page), `${file} as pack page ${page}`).toBe(
        `${pageText(join(out, `countries/${file}.pdf`), 1)} Briefing pack · page ${page} of ${total}`,
      );
    }
    expect(seen.size).toBe(EXTRA);
    // The first document starts right after the contents.
    expect(/Country brief|Factsheet/.exec(contents)).not.toBeNull();
    expect(Number(/(?:Factsheet|Country brief) (\d+)/.exec(contents)?.[1])).toBe(contentsEnd + 1);
  });
}, 400_000);
