import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * End-to-end tests run the real CLI from dist/, as users do (compiled, then bundled by
 * `npm run compile`): build it once per test run so it is never stale.
 */
export default function compile(): void {
  const root = resolve(import.meta.dirname, '..');
  execFileSync('npm', ['run', '--silent', 'compile'], { cwd: root, stdio: 'inherit' });
}
