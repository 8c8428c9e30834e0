import { combineWriteErrors } from '../stages/write.js';
import type { BuildReport, BuildWarning, DocumentResult } from '../model/documents.js';
import { isScreenResult } from '../outputs/registry.js';
import { Outcome } from './outcome.js';

/** A whole build's log: the steps' outcomes folded in, in order; private to the pipeline, which alone reports it. */
export class BuildLog extends Outcome {
  constructor(
    private readonly outDir: string,
    private readonly started: number,
    private readonly templates?: BuildReport['templates'],
  ) {
    super();
  }

  /** Folds in one step's outcome. */
  fold(outcome: Outcome): void {
    this.add(outcome);
  }

  report(now: number): BuildReport {
    const fits = new Map(
      this.manifest.flatMap((entry) => (entry.fit === undefined ? [] : [[entry.output, entry.fit] as const])),
    );
    const outOfDate = this.outOfDate ?? [];
    const stale = new Map(outOfDate.map((kept) => [kept.output, kept.reason]));
    const documents = [...this.results.values(), ...this.otherOutputs.values()].map((result) => {
      const fit = result.status === 'built' ? fits.get(result.output) : undefined;
      const reason = stale.get(result.output);
      return {
        ...result,
        ...(fit === undefined ? {} : { fit }),
        ...(reason === undefined ? {} : { outOfDate: reason }),
      };
    });
    return {
      outDir: this.outDir,
      ...(this.templates === undefined ? {} : { templates: this.templates }),
      documents,
      errors: [...this.errors, ...combineWriteErrors(this.outDir, this.writeFailures)],
      warnings: this.warnings,
      // Notes are news: about pages printed in this run, not every run.
      notes: documents.flatMap((result) =>
        result.status === 'built' && isScreenResult(result) ? fitNotes(result) : [],
      ),
      outOfDate,
      ...(this.unchangedFailures.length === 0 ? {} : { stillFailing: [...this.unchangedFailures] }),
      seconds: (now - this.started) / 1000,
    };
  }
}

/** Fewer prose lines left than this make a page "tight", worth a note. */
export const TIGHT_LINES = 2;

/** A note for a page printed at a denser step, or with less than TIGHT_LINES of prose to spare. */
function fitNotes(result: DocumentResult): BuildWarning[] {
  const fit = result.fit;
  if (fit === undefined) return [];
  const said: string[] = [];
  if (fit.step !== 'design')
    said.push(`printed at the denser fit step "${fit.step}" (${fit.bodyPt} pt body text) to fit on one page`);
  if (fit.lines !== undefined && fit.lines.leftOut > 0)
    said.push(
      `the funding table shows ${fit.lines.shown} lines, the closing line totals the other ${fit.lines.leftOut}`,
    );
  if (fit.roomLines < TIGHT_LINES)
    said.push(
      `tight: ${fit.roomMm < 0.05 ? 'no room' : `${fit.roomMm} mm`} left (${fit.roomLines === 1 ? 'about 1 line' : 'less than a line'} of prose)`,
    );
  if (fit.step === 'design' && fit.roomLines >= TIGHT_LINES) return [];
  return [{ message: said.join('; '), file: result.source, document: result.name }];
}
