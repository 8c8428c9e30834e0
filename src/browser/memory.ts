import { readdirSync, readFileSync } from 'node:fs';

/** PSS of a process and all its descendants, in MB, from /proc (Linux); undefined elsewhere. */
export function processTreePssMb(root: number): number | undefined;
export function processTreePssMb(root: number, withCount: true): { mb: number; processes: number } | undefined;
export function processTreePssMb(
  root: number,
  withCount = false,
): number | { mb: number; processes: number } | undefined {
  try {
    // Walk the tree through each process's own list of children: a few small reads.
    const tree = [root];
    for (let index = 0; index < tree.length; index += 1) {
      const pid = tree[index];
      for (const task of readdirSync(`/proc/${pid}/task`)) {
        let children = '';
        try {
          children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8');
        } catch {
          continue;
        }
        for (const child of children.split(' ').filter(Boolean)) tree.push(Number(child));
      }
    }
    let kb = 0;
    for (const pid of tree) {
      try {
        kb += Number(/^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
      } catch {
        // the process ended while we read
      }
    }
    return withCount ? { mb: kb / 1024, processes: tree.length } : kb / 1024;
  } catch {
    return undefined;
  }
}
