import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { architectureProblems, graphOf, importGraph } from '../helpers/import-graph.js';

const SRC = resolve(import.meta.dirname, '../../src');

describe('the shape of the code (import graph of src/)', () => {
  it('has no stage importing pipeline/, a model that imports no stage, no puppeteer outside browser/, the log only in the pipeline, and no import cycle', () => {
    const graph = importGraph(SRC);
    expect(graph.size).toBeGreaterThan(100);
    expect(architectureProblems(graph)).toEqual([]);
  });

  it('the check fails on each broken rule', () => {
    const bad = graphOf(
      new Map([
        ['stages/plan.ts', "import type { Run } from '../pipeline/run.js';\n"],
        ['pipeline/run.ts', "import { plan } from '../stages/plan.js';\n"],
        ['review/page.ts', "import puppeteer from 'puppeteer-core';\nimport('./other.js');\n"],
        ['review/other.ts', "export { page } from './page.js';\n"],
        ['pipeline/steps.ts', "import { BuildLog } from './log.js';\n"],
        ['model/documents.ts', "import type { FitOutcome } from '../browser/measure.js';\n"],
      ]),
    );
    expect(architectureProblems(bad)).toEqual([
      'stages/plan.ts imports pipeline/run.ts: a stage never reaches back into the pipeline',
      'review/page.ts imports puppeteer-core: the browser lives in browser/ only',
      "pipeline/steps.ts imports pipeline/log.ts: the build's log is the pipeline's own (a step returns its outcome)",
      'model/documents.ts imports browser/measure.ts: the model is shared types only, and depends on no stage',
      'import cycle: pipeline/run.ts -> stages/plan.ts -> pipeline/run.ts',
      'import cycle: review/other.ts -> review/page.ts -> review/other.ts',
    ]);
  });
});
