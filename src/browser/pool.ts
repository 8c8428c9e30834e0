/**
 * At most `size` resources (browser pages) in use at once, created on first need and reused;
 * each is retired after `recycleAfter` uses and replaced by a fresh one, so that what a page
 * accumulates (memory, DOM node IDs) stays bounded however long the build.
 */
export class Pool<T> {
  private readonly idle: Slot<T>[] = [];
  private readonly waiting: { resolve: (slot: Slot<T>) => void; reject: (error: unknown) => void }[] = [];
  private readonly all = new Set<T>();
  private created = 0;

  constructor(
    private readonly size: number,
    private readonly open: () => Promise<T>,
    private readonly retire: (resource: T) => Promise<void>,
    private readonly recycleAfter = Number.POSITIVE_INFINITY,
  ) {}

  async use<R>(work: (resource: T) => Promise<R>): Promise<R> {
    const slot = await this.acquire();
    try {
      return await work(slot.resource);
    } finally {
      slot.uses += 1;
      this.release(slot);
    }
  }

  /** Opens every resource the pool may hold and runs `work` on each (idle ones too), at once. */
  async fill(work: (resource: T) => Promise<void>): Promise<void> {
    await Promise.all(Array.from({ length: this.size }, () => this.use(work)));
  }

  /** Retires every resource this pool opened (a remote browser outlives the build). */
  async closeAll(): Promise<void> {
    await Promise.all([...this.all].map((resource) => this.retire(resource).catch(() => undefined)));
    this.all.clear();
  }

  private async acquire(): Promise<Slot<T>> {
    const ready = this.idle.pop();
    if (ready !== undefined) return ready;
    if (this.created < this.size) return this.create();
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  private async create(): Promise<Slot<T>> {
    this.created += 1;
    try {
      const resource = await this.open();
      this.all.add(resource);
      return { resource, uses: 0 };
    } catch (error) {
      this.created -= 1;
      throw error;
    }
  }

  private release(slot: Slot<T>): void {
    let next: Promise<Slot<T>> | Slot<T> = slot;
    if (slot.uses >= this.recycleAfter) {
      this.all.delete(slot.resource);
      this.created -= 1;
      void this.retire(slot.resource).catch(() => undefined);
      if (this.waiting.length === 0) return;
      next = this.create();
    }
    const waiter = this.waiting.shift();
    if (waiter === undefined) {
      if (!(next instanceof Promise)) this.idle.push(next);
      return;
    }
    Promise.resolve(next).then(waiter.resolve, waiter.reject);
  }
}

interface Slot<T> {
  readonly resource: T;
  uses: number;
}
