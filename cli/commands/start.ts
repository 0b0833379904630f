import { spawn } from 'node:child_process';
import { findElectronBinary } from '../electron-binary.ts';
import { ensureBuilt } from '../build.ts';
import { REPO_ROOT } from '../paths.ts';
import { LAUNCHER_PORT, serve } from './serve.ts';
import { chooseStartMode, demoDataDir } from '../../services/demo/demo-switch.ts';

/**
 * `npm start`: the Electron app where its binary exists, else the same app in browser mode.
 * Demo mode (--demo, the demo switch, or a data folder with nothing in it yet: see
 * services/demo/demo-switch.ts) runs the demo's simulators in either.
 */
export async function start({ dataDir, demo }: { dataDir: string; demo?: boolean }): Promise<void> {
  const mode = chooseStartMode(dataDir, demo);
  if (mode.demo) {
    const why = { flag: 'asked for with --demo', switch: 'turned on in the settings', 'nothing-configured': 'nothing is configured in this data folder yet' }[mode.reason];
    process.stderr.write(
      `TiepDon demo mode (${why}): sample cards, a simulated scanner, BHXH gateway and HIS; demo data in ${demoDataDir(dataDir)}.\n` +
        'Start with --no-demo for the real app; the switch is turned off in its settings (F10 → Chế độ demo), not from the demo.\n',
    );
  }
  const electron = findElectronBinary();
  if (electron) {
    ensureBuilt('electron');
    const env = { ...process.env, TIEPDON_DATA_DIR: dataDir, ...(mode.demo ? { TIEPDON_DEMO: '1' } : {}) };
    const child = spawn(electron, [REPO_ROOT], { stdio: 'inherit', env });
    child.on('exit', (code) => process.exit(code ?? 0));
    return;
  }
  process.stderr.write('No Electron binary is installed here; opening TiepDon in browser mode instead.\n');
  await serve({ dataDir, port: LAUNCHER_PORT, open: true, keepAddress: true, ...(mode.demo ? { demo: true } : {}) });
}
