import fc from 'fast-check';
import { describe, it } from 'vitest';
import { editArbitrary } from '../helpers/edit-model.js';
import { fakePrinter } from '../helpers/fake-build.js';
import { runEdits } from '../helpers/incremental-check.js';

/**
 * The bounded run of `npm test`; `npm run test:properties` runs longer. FACTSHEETS_PROPERTY_RUNS,
 * FACTSHEETS_PROPERTY_STEPS and FACTSHEETS_PROPERTY_SEED set the runs, the edits per run and
 * the seed (a failure prints the seed and the path to replay it).
 */
const env = process.env;
const long = env['FACTSHEETS_PROPERTY_LONG'] === '1';
const runs = Number(env['FACTSHEETS_PROPERTY_RUNS'] ?? (long ? 150 : 12));
const steps = Number(env['FACTSHEETS_PROPERTY_STEPS'] ?? (long ? 20 : 8));
const seed = env['FACTSHEETS_PROPERTY_SEED'] === undefined ? undefined : Number(env['FACTSHEETS_PROPERTY_SEED']);

describe('property: an incremental build equals a clean one', () => {
  it(
    `after any sequence of edits (${runs} runs of up to ${steps} edits, stand-in printer)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(editArbitrary, { minLength: 1, maxLength: steps }), (edits) =>
          runEdits(edits, fakePrinter(), { sharedCache: true }),
        ),
        {
          numRuns: runs,
          ...(seed === undefined ? {} : { seed }),
          // Shrinking replays builds; the long run may afford it, the bounded one reports the first failure and its seed.
          endOnFailure: !long,
        },
      );
    },
    long ? 6 * 3600_000 : 240_000,
  );
});
