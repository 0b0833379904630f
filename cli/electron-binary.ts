import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './paths.ts';

/**
 * The Electron executable, if one is installed. The electron package downloads its
 * binary lazily (on first use); here we only look, so a missing binary is a fact, not an attempt.
 */
export function findElectronBinary(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const packageDir = join(REPO_ROOT, 'node_modules', 'electron');
  const distDir = env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist');
  const pathFile = join(packageDir, 'path.txt');
  const executable = existsSync(pathFile)
    ? readFileSync(pathFile, 'utf8').trim()
    : process.platform === 'win32'
      ? 'electron.exe'
      : process.platform === 'darwin'
        ? 'Electron.app/Contents/MacOS/Electron'
        : 'electron';
  const candidate = join(distDir, executable);
  return existsSync(candidate) ? candidate : undefined;
}
