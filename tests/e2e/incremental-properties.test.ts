import fc from 'fast-check';
import { describe, it } from 'vitest';
import { launchPrinter } from '../../src/browser/launch.js';
import { editArbitrary } from '../helpers/edit-model.js';
import { runEdits } from '../helpers/incremental-check.js';

/**
 * The same property with the real browser (see tests/unit/incremental-properties.test.ts), in
 * a few short runs: Chromium's PDFs, finished, must also be the same bytes built twice, and
 * nothing is shared between builds but the folder. `npm run test:properties` runs it longer.
 */
const env = process.env;
const long = env['FACTSHEETS_PROPERTY_LONG'] === '1';
const runs = Number(env['FACTSHEETS_PROPERTY_BROWSER_RUNS'] ?? (long ? 10 : 1));
const seed = env['FACTSHEETS_PROPERTY_SEED'] === undefined ? undefined : Number(env['FACTSHEETS_PROPERTY_SEED']);

describe('property with the real browser: an incremental build equals a clean one', () => {
  it(
    `after a few edits (${runs} runs)`,
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(editArbitrary, { minLength: 1, maxLength: long ? 8 : 3 }), (edits) =>
          runEdits(edits, (options) => launchPrinter(options), { sharedCache: false }),
        ),
        {
          numRuns: runs,
          ...(seed === undefined ? {} : { seed }),
          endOnFailure: true,
        },
      );
    },
    long ? 3600_000 : 240_000,
  );
});
