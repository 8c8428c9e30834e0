import { formatPosition, type FactsheetsError } from '../errors.js';
import { PACK_LAYOUT } from '../stages/plan/pack.js';
import type { BuildLog } from './log.js';
import type { PackDecision } from './pack-step.js';

/**
 * A broken pack layout (validation reported its error, once) stops the packs alone: none is
 * made, the last ones are kept, out of date with that error, and the documents are built.
 */
export function withoutBrokenPackLayout(packs: readonly PackDecision[], brokenLayouts: ReadonlyMap<string, FactsheetsError>, log: BuildLog): PackDecision[] {
  const error = brokenLayouts.get(PACK_LAYOUT);
  if (error === undefined) return [...packs];
  const why = `its layout has an error (${formatPosition(error)}: ${error.message})`;
  return packs.map((pack) => {
    if (!pack.wanted) return pack;
    log.notRebuilt.set(pack.output, why);
    log.pack({ ...pack.result, status: 'failed' });
    return { ...pack, wanted: false };
  });
}
