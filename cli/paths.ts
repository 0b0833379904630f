import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
export const RENDERER_DIR = join(REPO_ROOT, 'out', 'renderer');

/** Where the app keeps its data when no --data-dir is given. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.TIEPDON_DATA_DIR) return resolve(env.TIEPDON_DATA_DIR);
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'TiepDon');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'TiepDon');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'tiepdon');
}
