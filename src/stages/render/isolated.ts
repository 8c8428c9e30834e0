import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { FactsheetsError } from '../../errors.js';
import type { BuildWarning, HtmlPage, RenderJob } from '../../model/documents.js';
import { renderInThisThread, type Renderer, type RenderSetup } from './renderer.js';
import type { RenderAnswer, RenderRequest } from './worker.js';

/** Memory one render worker may use: a document that needs more fails alone. */
const WORKER_HEAP_MB = 1024;

/**
 * Renders in worker threads, each job under a deadline: a document whose Markdown or
 * templates take too long (or too much memory) fails alone, its worker is replaced, and the
 * build's own thread stays free to print and to answer signals. Falls back to this thread
 * when running from the TypeScript sources, where no compiled worker exists.
 */
export async function startRenderer(
  setup: RenderSetup,
  deadlineMs: number,
  workers = Math.max(1, Math.min(2, availableParallelism())),
): Promise<Renderer> {
  const script = workerScript();
  if (script === undefined) return renderInThisThread(setup);
  return new WorkerPool(script, setup, deadlineMs, workers);
}

/**
 * The compiled worker: the bundled one beside a bundle chunk in dist/ (one file loads much
 * faster than the module graph), else the one tsc wrote beside this module.
 */
function workerScript(): URL | undefined {
  if (!import.meta.url.endsWith('.js')) return undefined;
  return ['./render-worker.js', './worker.js']
    .map((candidate) => new URL(candidate, import.meta.url))
    .find((url) => existsSync(fileURLToPath(url)));
}

interface Task {
  readonly job: RenderJob;
  readonly resolve: (page: HtmlPage) => void;
  readonly reject: (error: FactsheetsError) => void;
}

interface Busy {
  readonly task: Task;
  readonly timer: NodeJS.Timeout;
}

class WorkerPool implements Renderer {
  readonly #idle: Worker[] = [];
  readonly #busy = new Map<Worker, Busy>();
  readonly #queue: Task[] = [];
  /** Workers that have loaded the render code and compiled the templates. */
  readonly #ready = new WeakSet<Worker>();
  /** Why workers cannot start at all (they die before they are ready): every document fails with it. */
  #broken: FactsheetsError | undefined;
  /** Workers this pool stopped itself: their exit is no loss. */
  readonly #stopped = new WeakSet<Worker>();
  #nextId = 0;
  #closed = false;

  constructor(
    private readonly script: URL,
    private readonly setup: RenderSetup,
    private readonly deadlineMs: number,
    size: number,
  ) {
    for (let index = 0; index < size; index += 1) this.#spawn();
  }

  render(job: RenderJob): Promise<HtmlPage> {
    if (this.#broken !== undefined) return Promise.reject(this.#broken);
    return new Promise((resolve, reject) => {
      this.#queue.push({ job, resolve, reject });
      this.#dispatch();
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    const workers = [...this.#idle, ...this.#busy.keys()];
    for (const worker of workers) this.#stopped.add(worker);
    this.#idle.length = 0;
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  /** Starts a worker; it joins the idle ones when it says it is ready. */
  #spawn(): Worker {
    const worker = new Worker(this.script, {
      workerData: this.setup,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    worker.on('message', (answer: RenderAnswer) => this.#answered(worker, answer));
    worker.on('error', (error) => this.#lost(worker, error.message));
    worker.on('exit', (code) => this.#lost(worker, `the render worker stopped (exit code ${code})`));
    return worker;
  }

  #dispatch(): void {
    while (!this.#closed && this.#idle.length > 0 && this.#queue.length > 0) {
      const worker = this.#idle.pop() as Worker;
      const task = this.#queue.shift() as Task;
      const timer = setTimeout(() => this.#timedOut(worker), this.deadlineMs);
      this.#busy.set(worker, { task, timer });
      worker.ref();
      this.#nextId += 1;
      worker.postMessage({ id: this.#nextId, job: task.job } satisfies RenderRequest);
    }
  }

  #answered(worker: Worker, answer: RenderAnswer): void {
    if ('ready' in answer) {
      this.#ready.add(worker);
      // An idle worker never keeps the process alive: a build that is done can end.
      worker.unref();
      this.#idle.push(worker);
      this.#dispatch();
      return;
    }
    const busy = this.#finish(worker);
    if (busy === undefined) return;
    this.#idle.push(worker);
    if ('error' in answer) {
      busy.task.reject(
        new FactsheetsError(
          answer.error.message,
          answer.error.fields ?? { stage: 'render', file: busy.task.job.document.source.displayPath },
        ),
      );
    } else {
      busy.task.resolve({
        job: busy.task.job,
        html: answer.html,
        warnings: answer.warnings as BuildWarning[],
        images: answer.images,
      });
    }
    this.#dispatch();
  }

  #timedOut(worker: Worker): void {
    const busy = this.#finish(worker);
    if (busy === undefined) return;
    this.#stopped.add(worker);
    void worker.terminate();
    this.#replace();
    busy.task.reject(
      new FactsheetsError(`rendering took longer than ${this.deadlineMs / 1000} s and was stopped`, {
        stage: 'render',
        file: busy.task.job.document.source.displayPath,
        hint: 'Something in this document takes too long to parse or lay out (e.g. thousands of nested emphasis or list markers): simplify it (--timeout raises the deadline).',
      }),
    );
  }

  /** A worker that died (out of memory, a crash): its document fails, a new worker takes its place. */
  #lost(worker: Worker, why: string): void {
    if (this.#stopped.has(worker)) return;
    this.#stopped.add(worker);
    const idle = this.#idle.indexOf(worker);
    if (idle !== -1) this.#idle.splice(idle, 1);
    const busy = this.#finish(worker);
    if (this.#closed) return;
    if (!this.#ready.has(worker)) {
      // Not the fault of a document: no worker can start. Fail what waits instead of respawning.
      this.#broken = new FactsheetsError(`the render workers could not start: ${why}`, { stage: 'render' });
      for (const task of this.#queue.splice(0)) task.reject(this.#broken);
      return;
    }
    this.#replace();
    busy?.task.reject(
      new FactsheetsError(`rendering failed: ${why}`, {
        stage: 'render',
        file: busy.task.job.document.source.displayPath,
        hint: `The document may need more than ${WORKER_HEAP_MB} MB to render: look for very large tables, lists or images.`,
      }),
    );
  }

  #finish(worker: Worker): Busy | undefined {
    const busy = this.#busy.get(worker);
    if (busy === undefined) return undefined;
    clearTimeout(busy.timer);
    this.#busy.delete(worker);
    worker.unref();
    return busy;
  }

  #replace(): void {
    if (!this.#closed) this.#spawn();
  }
}
