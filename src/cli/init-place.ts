import { constants } from 'node:fs';
import { access, stat, statfs } from 'node:fs/promises';
import { dirname } from 'node:path';

/** File systems that are the kernel's, not a disk: nothing can be created in them. */
const VIRTUAL_FILE_SYSTEMS: ReadonlySet<number> = new Set([
  0x9fa0 /* proc */, 0x62656572 /* sysfs */, 0x1cd1 /* devpts */, 0x64626720 /* debugfs */, 0x27e0eb /* cgroup */,
  0x63677270 /* cgroup2 */,
]);

/**
 * Why a starter project cannot be written at `target`, or undefined when it can: the nearest
 * folder that exists on the way must be a writable folder on a real file system. Checked
 * before anything is created, so that a place like /proc/1/x fails at once (a recursive
 * mkdir there never ends).
 */
export async function checkPlace(target: string): Promise<string | undefined> {
  let path = target;
  for (;;) {
    const stats = await stat(path).catch((error: unknown) => (error as { code?: string }).code ?? 'error');
    if (typeof stats !== 'string') {
      if (!stats.isDirectory())
        return path === target ? 'this is a file, not a folder' : `${path} is a file, not a folder`;
      const system = await statfs(path).catch(() => undefined);
      if (system !== undefined && VIRTUAL_FILE_SYSTEMS.has(system.type))
        return `${path} is a kernel file system (such as /proc), where no project can be written`;
      const writable = await access(path, constants.W_OK).then(
        () => true,
        () => false,
      );
      return writable ? undefined : `${path} cannot be written to`;
    }
    if (stats !== 'ENOENT') return `${path} cannot be used (${stats})`;
    const parent = dirname(path);
    if (parent === path) return 'no folder on the way exists';
    path = parent;
  }
}
