import { FactsheetsError } from '../../errors.js';

/** A sheet's unreadable cells: the first ones, then a count. */
export function cellProblems(file: string, problems: readonly FactsheetsError[]): FactsheetsError[] {
  const errors = new ErrorsByKind(file);
  for (const problem of problems) errors.add(problem, 'cells');
  return errors.all();
}

/** Errors of one kind (one column's values, rows of the wrong width) listed one by one; past these, a count. */
const LISTED_PER_KIND = 10;

/** The dataset's errors, the first of each kind listed, the rest counted (`and 9,990 more …`). */
export class ErrorsByKind {
  private readonly listed: FactsheetsError[] = [];
  private readonly unlisted = new Map<string, { count: number; listed: number; first: FactsheetsError }>();
  private readonly listedOf = new Map<string, number>();

  constructor(private readonly file: string) {}

  add(error: FactsheetsError, kind: string): void {
    const listed = this.listedOf.get(kind) ?? 0;
    if (listed < LISTED_PER_KIND) {
      this.listed.push(error);
      this.listedOf.set(kind, listed + 1);
      return;
    }
    const entry = this.unlisted.get(kind) ?? { count: 0, listed, first: error };
    entry.count += 1;
    this.unlisted.set(kind, entry);
  }

  all(): FactsheetsError[] {
    const counts = [...this.unlisted.entries()].map(
      ([kind, { count, listed, first }]) =>
        new FactsheetsError(
          `and ${count.toLocaleString('en')} more ${describeKind(kind)} (${(count + listed).toLocaleString('en')} in all)`,
          {
            ...first.fields(),
            file: this.file,
            hint: 'Fix the ones listed above first: the same mistake is often repeated.',
          },
        ),
    );
    return [...this.listed, ...counts];
  }
}

function describeKind(kind: string): string {
  if (kind === 'width') return 'rows with another number of fields than the header';
  return kind === 'cells' ? 'cells whose value cannot be read' : `bad values in column "${kind}"`;
}
