import { formatPosition, type FactsheetsError } from '../errors.js';
import { PACK_LAYOUT } from '../stages/plan/pack.js';
import { Outcome } from './outcome.js';
import { decidePacks, type PackDecision } from './pack-step.js';
import type { Run } from './run.js';
import type { Stepped } from './steps.js';
import type { RenderJob } from '../types.js';

/**
 * 7a. Which packs this run makes: those out of date, but none while its layout is broken.
 *
 * A broken pack layout (validation reported its error, once) stops the packs alone: none is
 * made, the last ones are kept, out of date with that error, and the documents are built.
 */
export function packsStep(run: Run, jobs: readonly RenderJob[]): Stepped<PackDecision[]> {
  const outcome = new Outcome();
  return { outcome, value: withoutBrokenPackLayout(decidePacks(run, jobs), run.validation.brokenLayouts, outcome) };
}

function withoutBrokenPackLayout(packs: readonly PackDecision[], brokenLayouts: ReadonlyMap<string, FactsheetsError>, log: Outcome): PackDecision[] {
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
