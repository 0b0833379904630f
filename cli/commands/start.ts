import { spawn } from 'node:child_process';
import { findElectronBinary } from '../electron-binary.ts';
import { ensureBuilt } from '../build.ts';
import { REPO_ROOT } from '../paths.ts';
import { serve } from './serve.ts';

/** `npm start`: the Electron app where its binary exists, else the same app in browser mode. */
export async function start({ dataDir }: { dataDir: string }): Promise<void> {
  const electron = findElectronBinary();
  if (electron) {
    ensureBuilt('electron');
    const child = spawn(electron, [REPO_ROOT], { stdio: 'inherit', env: { ...process.env, TIEPDON_DATA_DIR: dataDir } });
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  process.stderr.write('No Electron binary is installed here; opening TiepDon in browser mode instead.\n');
  await serve({ dataDir, port: 0, open: true });
}
