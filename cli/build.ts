import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.ts';

const OUTPUTS = {
  renderer: join(REPO_ROOT, 'out', 'renderer', 'index.html'),
  electron: join(REPO_ROOT, 'out', 'main', 'index.js'),
} as const;

/** Builds the app with electron-vite when the part needed has never been built. */
export function ensureBuilt(part: keyof typeof OUTPUTS): void {
  if (existsSync(OUTPUTS[part])) return;
  process.stderr.write('Building the app (first run)…\n');
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0 || !existsSync(OUTPUTS[part])) throw new Error('The build failed; run `npm run build` to see why');
}
