import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/** End-to-end tests run the real CLI from dist/: compile it once per test run so it is never stale. */
export default function compile(): void {
  const root = resolve(import.meta.dirname, '..');
  execFileSync(process.execPath, [resolve(root, 'node_modules/typescript/bin/tsc'), '-p', resolve(root, 'tsconfig.json')], {
    cwd: root,
    stdio: 'inherit',
  });
}
