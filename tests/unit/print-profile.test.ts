import { mkdtempSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateSettings } from '../../src/stages/validate/settings.js';
import { isCmykOutputProfile, printCondition } from '../../src/stages/print-profile.js';
import { BUNDLED_TEMPLATES } from '../../src/config.js';
import type { RenderJob } from '../../src/model/documents.js';

/** A content folder holding factsheets.yml with `settings`, and these files. */
function content(settings: string, files: Readonly<Record<string, Uint8Array>> = {}) {
  const folder = mkdtempSync(join(tmpdir(), 'factsheets-profile-'));
  for (const [name, bytes] of Object.entries(files)) {
    mkdirSync(join(folder, name, '..'), { recursive: true });
    writeFileSync(join(folder, name), bytes);
  }
  return {
    folder,
    result: validateSettings({
      displayPath: 'content/factsheets.yml',
      absolutePath: join(folder, 'factsheets.yml'),
      text: settings,
    }),
  };
}
const bundled = (name: string) => new Uint8Array(readFileSync(join(BUNDLED_TEMPLATES, 'print-profiles', name)));
const describeErrors = (result: ReturnType<typeof validateSettings>) =>
  result.errors.map((error) => `${error.file}:${error.line}:${error.column}: ${error.message} | ${error.hint}`);

describe('the print_profile setting', () => {
  it("takes a print shop's CMYK profile from the content folder, and the print edition embeds it", () => {
    const { folder, result } = content('series: S\nprint_profile: profiles/shop.icc\n', {
      'profiles/shop.icc': bundled('coated-fogra39.icc'),
    });
    expect(result.errors).toEqual([]);
    expect(result.settings.printProfile).toBe(join(folder, 'profiles/shop.icc'));
    const job = {
      view: { settings: { printProfile: result.settings.printProfile } },
      document: { name: 'mali' },
    } as unknown as RenderJob;
    expect(printCondition(job).condition).toBe('Coated FOGRA39 (factsheets, from FOGRA39L data)');
  });

  it('fails at its line for a missing file, a file outside the content folder, or a profile that is not for a CMYK press', () => {
    expect(describeErrors(content('series: S\nprint_profile: shop.icc\n').result)).toEqual([
      'content/factsheets.yml:2:16: print_profile "shop.icc" cannot be read: there is no such file in the content folder | Check the path (relative to the content folder), or remove print_profile to print for coated FOGRA39.',
    ]);
    expect(describeErrors(content('print_profile: ../shop.icc\n').result)[0]).toMatch(
      /^content\/factsheets.yml:1:16: print_profile "..\/shop.icc" is outside the content folder \| /,
    );
    expect(describeErrors(content('print_profile: srgb.icc\n', { 'srgb.icc': bundled('srgb.icc') }).result)[0]).toMatch(
      /^content\/factsheets.yml:1:16: print_profile "srgb.icc" is not a CMYK output profile/,
    );
  });

  it('ships a CMYK output profile as the default, and an sRGB one that is not', () => {
    expect(isCmykOutputProfile(bundled('coated-fogra39.icc'))).toBe(true);
    expect(isCmykOutputProfile(bundled('srgb.icc'))).toBe(false);
    const job = { view: { settings: {} }, document: { name: 'mali' } } as unknown as RenderJob;
    expect(printCondition(job).identifier).toBe('FOGRA39');
  });
});
