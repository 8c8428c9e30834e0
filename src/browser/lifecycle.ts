import { FactsheetsError } from '../errors.js';

/** A session's bookkeeping for recycling: retire() closes it now if idle, else after its last document. */
/** Documents printing through a session, and whether it has been replaced. */
export interface Lifecycle {
  inFlight: number;
  retired: boolean;
  retire(): void;
}

export function lifecycle(close: () => Promise<void>): Lifecycle {
  const state = {
    inFlight: 0,
    retired: false,
    retire() {
      state.retired = true;
      if (state.inFlight === 0) void close();
    },
  };
  return state;
}

/** A document that took longer than its deadline: the browser is presumed hung. */
export class DeadlineError extends FactsheetsError {}

export function withDeadline<T>(work: Promise<T>, milliseconds: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new DeadlineError(`printing took longer than ${milliseconds / 1000} s`, { stage: 'print' })),
      milliseconds,
    );
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

export function browserFailure(error: unknown, attempts: number): FactsheetsError {
  return new FactsheetsError(
    `the browser failed on this document ${attempts} ${attempts === 1 ? 'time' : 'times'}: ${firstLine(error)}`,
    {
      stage: 'print',
      hint: 'The browser was relaunched and the document retried; if this persists, check memory and the document’s size (--timeout raises the deadline).',
      cause: error,
    },
  );
}

/** The first line of an error's message, for one-line reports. */
export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return (message.split('\n')[0] ?? message).trim();
}
