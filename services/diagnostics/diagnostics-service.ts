/**
 * The diagnostics page and its export. The export is a zip of:
 *   diagnostics.json  — what the page shows
 *   settings.json     — the stored settings, without the admin PIN, lockout
 *                       state or anything named like a secret, values redacted
 *   logs/*.log(.1)    — the newest part of each log file and of the one rotated last, every line redacted again
 * written to <dataDir>/diagnostics/. Secrets live elsewhere (services/secrets) and are never read here.
 */
import { readdir, open } from 'node:fs/promises';
import { arch, platform } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync, type Zippable } from 'fflate';
import type { SystemStatus } from '../../domain/api.ts';
import type { Diagnostics, DiagnosticsExport } from '../../domain/diagnostics-api.ts';
import { ownerOnlyDirAsync, writeOwnerOnlyFile } from '../../db/owner-only-files.ts';
import type { StoredSetting } from '../../db/settings-list.ts';
import { isSensitiveKey, redactRecord, redactText, REDACTED, type RecentLogLines } from '../log.ts';

export interface DiagnosticsSources {
  dataDir: string;
  version: string;
  status: () => SystemStatus;
  recent: RecentLogLines;
  adminPinSet: () => boolean;
  settings: () => StoredSetting[];
  /** The answer of `sync.status` when the app has one. */
  syncStatus?: () => Promise<unknown>;
  /** Browser mode: the zip also comes back as bytes to download. */
  returnBytes: boolean;
  now?: () => Date;
}

/** The newest part of each log file kept in an export. */
export const MAX_LOG_BYTES_PER_FILE = 4 * 1024 * 1024;
const EXCLUDED_SETTING = /^admin\.|secret|password|token|credential|apikey/i;

export interface DiagnosticsService {
  get(): Promise<Diagnostics>;
  export(): Promise<DiagnosticsExport>;
}

export function createDiagnosticsService(sources: DiagnosticsSources): DiagnosticsService {
  const now = sources.now ?? (() => new Date());

  async function get(): Promise<Diagnostics> {
    const status = sources.status();
    const sync = await sources.syncStatus?.().catch((error: unknown) => ({ error: error instanceof Error ? redactText(error.message) : 'unavailable' }));
    return {
      generatedAt: now().toISOString(),
      versions: {
        app: sources.version,
        node: process.versions.node,
        ...(process.versions.electron ? { electron: process.versions.electron } : {}),
        ...(process.versions.chrome ? { chrome: process.versions.chrome } : {}),
        platform: platform(),
        arch: arch(),
      },
      mode: status.mode,
      database: status.database,
      deviceHost: {
        state: status.devices.host.state,
        restarts: status.devices.host.restarts,
        ...(status.devices.host.lastExit ? { lastExit: status.devices.host.lastExit } : {}),
      },
      pcsc: status.devices.pcsc,
      readers: status.devices.readers.map((reader) => ({ name: reader.name, cardPresent: reader.cardPresent })),
      recentErrors: sources.recent.list().flatMap(toRecentError),
      ...(sync !== undefined ? { sync: redactRecord({ sync }).sync } : {}),
      admin: { pinSet: sources.adminPinSet() },
    };
  }

  return {
    get,
    async export() {
      const diagnostics = await get();
      const files: Zippable = {
        'diagnostics.json': strToU8(JSON.stringify(diagnostics, null, 2)),
        'settings.json': strToU8(JSON.stringify(exportableSettings(sources.settings()), null, 2)),
        logs: await redactedLogs(join(sources.dataDir, 'logs')),
      };
      const zip = zipSync(files, { level: 6 });
      const stamp = now().toISOString().replace(/[:.]/g, '-');
      const fileName = `tiepdon-diagnostics-${stamp}.zip`;
      const directory = join(sources.dataDir, 'diagnostics');
      await ownerOnlyDirAsync(directory);
      const path = join(directory, fileName);
      await writeOwnerOnlyFile(path, zip);
      return {
        fileName,
        path,
        size: zip.byteLength,
        ...(sources.returnBytes ? { base64: Buffer.from(zip).toString('base64') } : {}),
      };
    },
  };
}

function toRecentError(line: string): Diagnostics['recentErrors'] {
  try {
    const record = JSON.parse(line) as Record<string, unknown>;
    const level = record.level === 'error' ? 'error' : 'warn';
    const details = Object.entries(record)
      .filter(([key]) => !['time', 'level', 'msg', 'component', 'process'].includes(key))
      .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
    return [
      {
        time: String(record.time ?? ''),
        level,
        message: [String(record.msg ?? ''), ...details].join(' '),
        ...(typeof record.component === 'string' ? { component: record.component } : {}),
      },
    ];
  } catch {
    return [];
  }
}

function exportableSettings(settings: StoredSetting[]): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const { key, value, updatedAt } of settings) {
    if (EXCLUDED_SETTING.test(key)) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      parsed = redactText(value);
    }
    result[key] = isSensitiveKey(key) ? REDACTED : redactRecord({ value: parsed, updatedAt });
  }
  return result;
}

async function redactedLogs(directory: string): Promise<Zippable> {
  let names: string[];
  try {
    // The file rotated last holds what came just before a rotation; older ones are left out.
    names = (await readdir(directory)).filter((name) => /\.log(\.1)?$/.test(name));
  } catch {
    return {};
  }
  const files: Zippable = {};
  for (const name of names) files[name] = strToU8(redactLog(await readTail(join(directory, name), MAX_LOG_BYTES_PER_FILE)));
  return files;
}

/** Re-redacts every line, so lines written before a redaction rule existed leave no personal data either. */
export function redactLog(text: string): string {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      try {
        const record = JSON.parse(line) as unknown;
        if (record && typeof record === 'object' && !Array.isArray(record)) return JSON.stringify(redactRecord(record as Record<string, unknown>));
      } catch {
        // not JSON: redact as text
      }
      return redactText(line);
    })
    .join('\n');
}

async function readTail(path: string, maxBytes: number): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, maxBytes);
    const buffer = Buffer.alloc(length);
    await handle.read(buffer, 0, length, size - length);
    const text = buffer.toString('utf8');
    // Cut at the first full line when the file was longer than what is kept.
    return size > maxBytes ? text.slice(text.indexOf('\n') + 1) : text;
  } finally {
    await handle.close();
  }
}
