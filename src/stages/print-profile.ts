import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { BUNDLED_TEMPLATES } from '../config.js';
import { FactsheetsError } from '../errors.js';
import type { PrintCondition } from '../pdf/standards.js';
import type { RenderJob } from '../model/documents.js';

/** The profiles shipped with the tool (see templates/print-profiles/LICENSE.md). */
const PROFILES = join(BUNDLED_TEMPLATES, 'print-profiles');

/** The default printing condition: coated offset paper, ISO 12647-2 (FOGRA39), registered with the ICC. */
export const DEFAULT_PRINT_PROFILE = 'coated-fogra39';

const cache = new Map<string, PrintCondition>();

/**
 * The printing condition of a print edition: the `print_profile` setting (a CMYK ICC profile
 * in the content folder, as the settings validation resolved it), else coated FOGRA39. Read
 * once per build and profile.
 */
export function printCondition(job: RenderJob): PrintCondition {
  const setting = (job.view['settings'] as { readonly printProfile?: string } | undefined)?.printProfile;
  const path = setting ?? join(PROFILES, `${DEFAULT_PRINT_PROFILE}.icc`);
  const known = cache.get(path);
  if (known !== undefined) return known;
  const profile = readProfile(path, job);
  const condition: PrintCondition =
    setting === undefined
      ? {
          profile,
          identifier: 'FOGRA39',
          condition: 'Coated FOGRA39 (ISO 12647-2:2004/Amd 1, coated paper, 60 lines/cm)',
          srgb: readProfile(join(PROFILES, 'srgb.icc'), job),
        }
      : {
          profile,
          identifier: profileDescription(profile) ?? basename(path),
          condition: profileDescription(profile) ?? basename(path),
          srgb: readProfile(join(PROFILES, 'srgb.icc'), job),
        };
  cache.set(path, condition);
  return condition;
}

function readProfile(path: string, job: RenderJob): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch {
    throw new FactsheetsError(`cannot read the print profile ${basename(path)}`, {
      stage: 'finish',
      document: job.document.name,
      hint: 'Set print_profile in factsheets.yml to a CMYK ICC profile (.icc) in the content folder, or remove it to use coated FOGRA39.',
    });
  }
}

/** Whether bytes are an ICC output profile for CMYK ('acsp' signature, 'CMYK' data colour space, 'prtr' class). */
export function isCmykOutputProfile(bytes: Uint8Array): boolean {
  const text = (from: number): string => Buffer.from(bytes.subarray(from, from + 4)).toString('latin1');
  return bytes.byteLength > 128 && text(36) === 'acsp' && text(16) === 'CMYK' && text(12) === 'prtr';
}

/** The profile's own description (its 'desc' tag, ICC v2 text or v4 multi-localised), if it has one. */
function profileDescription(bytes: Uint8Array): string | undefined {
  const buffer = Buffer.from(bytes);
  const count = buffer.byteLength >= 132 ? buffer.readUInt32BE(128) : 0;
  for (let index = 0; index < count && 132 + index * 12 + 12 <= buffer.byteLength; index += 1) {
    const at = 132 + index * 12;
    if (buffer.toString('latin1', at, at + 4) !== 'desc') continue;
    const offset = buffer.readUInt32BE(at + 4);
    const type = buffer.toString('latin1', offset, offset + 4);
    if (type === 'desc')
      return buffer
        .toString('latin1', offset + 12, offset + 12 + buffer.readUInt32BE(offset + 8) - 1)
        .replace(/[^\x20-\x7e]/g, '');
    if (type === 'mluc') {
      const length = buffer.readUInt32BE(offset + 20);
      const start = offset + buffer.readUInt32BE(offset + 24);
      return Buffer.from(buffer.subarray(start, start + length))
        .swap16()
        .toString('utf16le')
        .replace(/[^\x20-\x7e]/g, '');
    }
  }
  return undefined;
}
