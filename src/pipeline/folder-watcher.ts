import { stat } from 'node:fs/promises';
import { watch as watchFiles } from 'chokidar';

/** How often the watched folders themselves are looked at: cheap (one stat each), and quick enough to feel live. */
const FOLDER_CHECK_MS = 400;

export interface FolderWatcher {
  close(): Promise<void>;
}

/**
 * Watches folders for changes, and keeps watching when a folder is replaced (`rm -rf content
 * && tar x`, `git stash`, a sync tool, `mv`): the file watcher follows the folder it was given,
 * which is gone, so each folder's identity (device and inode) is checked; when it comes back
 * or is another folder, it is watched afresh and `onChange` is told (with no path: anything may have changed).
 */
export async function watchFolders(
  folders: readonly string[],
  options: { readonly ignored: (path: string) => boolean; readonly onChange: (path?: string) => void },
): Promise<FolderWatcher> {
  const watcher = watchFiles([...folders], { ignoreInitial: true, ignored: options.ignored });
  watcher.on('all', (_event, path) => options.onChange(path));
  // A folder that vanishes can make the watcher report an error: it is followed by the check below.
  watcher.on('error', () => undefined);
  await new Promise<void>((resolve) => watcher.on('ready', () => resolve()));
  const identities = new Map(
    await Promise.all(folders.map(async (folder) => [folder, await identity(folder)] as const)),
  );
  let checking = false;
  const timer = setInterval(() => {
    if (checking) return;
    checking = true;
    void (async () => {
      for (const folder of folders) {
        const now = await identity(folder);
        if (now === identities.get(folder)) continue;
        identities.set(folder, now);
        watcher.unwatch(folder);
        if (now !== undefined) watcher.add(folder);
        options.onChange();
      }
    })().finally(() => {
      checking = false;
    });
  }, FOLDER_CHECK_MS);
  timer.unref();
  return {
    close: async () => {
      clearInterval(timer);
      await watcher.close();
    },
  };
}

/** `device:inode` of a folder, or undefined when there is none. */
async function identity(folder: string): Promise<string | undefined> {
  const stats = await stat(folder).catch(() => undefined);
  return stats?.isDirectory() === true ? `${stats.dev}:${stats.ino}` : undefined;
}
