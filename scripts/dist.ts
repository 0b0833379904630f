/**
 * `npm run dist [-- --win | --linux]`: builds the app and packages it with
 * electron-builder (electron-builder.yml). Packaging needs the Electron binary
 * and electron-builder itself; where either is missing it says so in one line
 * and exits 1 before building anything.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { findElectronBinary } from '../cli/electron-binary.ts';
import { REPO_ROOT } from '../cli/paths.ts';

export interface DistPrerequisites {
  electronBinary: string | undefined;
  builderInstalled: boolean;
}

/** Why packaging cannot run here, in one line, or undefined when it can. */
export function distBlocker({ electronBinary, builderInstalled }: DistPrerequisites): string | undefined {
  if (!electronBinary) {
    return 'npm run dist needs the Electron binary, and none is installed here: run `npx install-electron` on a machine that can reach electronjs.org, or set ELECTRON_OVERRIDE_DIST_PATH.';
  }
  if (!builderInstalled) {
    return 'npm run dist needs electron-builder, which is not a dependency yet: `npm install --save-exact -D electron-builder@26` on a packaging machine (it downloads NSIS and AppImage tools from GitHub).';
  }
  return undefined;
}

function builderInstalled(): boolean {
  try {
    createRequire(import.meta.url).resolve('electron-builder/package.json', { paths: [REPO_ROOT] });
    return true;
  } catch {
    return false;
  }
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: REPO_ROOT, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (import.meta.main) {
  const blocker = distBlocker({ electronBinary: findElectronBinary(), builderInstalled: builderInstalled() });
  if (blocker) {
    process.stderr.write(blocker + '\n');
    process.exit(1);
  }
  run('npm', ['run', 'build']);
  run('npx', ['electron-builder', '--config', 'electron-builder.yml', '--publish', 'never', ...process.argv.slice(2)]);
}
