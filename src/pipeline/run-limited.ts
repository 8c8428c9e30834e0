/**
 * Runs `work` on every item, in order, at most `limit` at a time. The build renders documents
 * this way: a few ahead of the browser, so that Node's work overlaps the printing and the
 * pages waiting for a browser page are few, however many documents there are.
 */
export async function runLimited<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let index = next++; index < items.length; index = next++) {
      await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
}
