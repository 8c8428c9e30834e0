import { createHash } from 'node:crypto';

/** Shard `index` (1-based) of `count`, from `--shard i/n`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Parses `i/n` with 1 ≤ i ≤ n; undefined when malformed. */
export function parseShard(text: string): Shard | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  return match !== null && count >= 1 && index >= 1 && index <= count ? { index, count } : undefined;
}

/**
 * Whether a document belongs to a shard: by a hash of its name, so that each document has
 * exactly one shard, and adding a document never moves the others to another machine.
 */
export function inShard(name: string, shard: Shard): boolean {
  const bucket = createHash('sha256').update(name).digest().readUInt32BE(0) % shard.count;
  return bucket === shard.index - 1;
}
