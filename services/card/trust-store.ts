/**
 * The CSCA certificates passive authentication trusts: the candidates shipped
 * with the app plus the files IT staff put in `<data dir>/csca` (DER, PEM or an
 * ICAO master list). Re-read when the folder changes, so no restart is needed.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { ownerOnlyDir } from '../../db/owner-only-files.ts';
import { VIETNAM_CSCA_ANCHORS } from '../../native/emrtd/pa/anchors/index.ts';
import { CscaStore } from '../../native/emrtd/pa/csca-store.ts';
import type { Logger } from '../log.ts';

export interface TrustStore {
  readonly store: CscaStore;
  /** Files that could not be read as certificates, for the settings panel. */
  readonly rejected: readonly string[];
}

const CERTIFICATE_EXTENSIONS = new Set(['.pem', '.crt', '.cer', '.der']);
const MASTER_LIST_EXTENSIONS = new Set(['.ml', '.mls']);

export function cscaFolder(dataDir: string): string {
  return join(dataDir, 'csca');
}

export function createTrustStoreLoader(dataDir: string, log: Logger): () => TrustStore {
  const folder = cscaFolder(dataDir);
  ownerOnlyDir(folder);
  let cached: { signature: string; trust: TrustStore } | undefined;

  return () => {
    const signature = folderSignature(folder);
    if (cached?.signature === signature) return cached.trust;
    const trust = loadTrustStore(folder, log);
    cached = { signature, trust };
    return trust;
  };
}

function folderSignature(folder: string): string {
  try {
    return readdirSync(folder)
      .sort()
      .map((name) => {
        const stat = statSync(join(folder, name));
        return `${name}:${stat.size}:${stat.mtimeMs}`;
      })
      .join('|');
  } catch {
    return '';
  }
}

function loadTrustStore(folder: string, log: Logger): TrustStore {
  const store = new CscaStore();
  for (const pem of VIETNAM_CSCA_ANCHORS) store.addBytes(pem);
  const rejected: string[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(folder);
  } catch {
    // A missing folder is an empty one.
  }
  for (const name of names) {
    const extension = extname(name).toLowerCase();
    if (!CERTIFICATE_EXTENSIONS.has(extension) && !MASTER_LIST_EXTENSIONS.has(extension)) continue;
    try {
      const bytes = new Uint8Array(readFileSync(join(folder, name)));
      const added = MASTER_LIST_EXTENSIONS.has(extension) ? store.addMasterList(bytes) : store.addBytes(bytes);
      if (added === 0) rejected.push(name);
    } catch (error) {
      rejected.push(name);
      log.warn('CSCA file not usable', { file: name, error: error instanceof Error ? error.message : String(error) });
    }
  }
  log.info('CSCA trust store loaded', { certificates: store.size, rejected: rejected.length });
  return { store, rejected };
}
