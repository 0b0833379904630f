/**
 * The demo switch and how `tiepdon start` picks its mode. The switch is a
 * small JSON file in the (real) data folder rather than a row in the
 * database: the mode is chosen before the database opens, and the desktop
 * app's database key is in the OS keychain, out of the command line's reach.
 *
 * `start` opens demo mode when asked (--demo), when the switch is on, or when
 * nothing is configured yet: the switch was never set and the data folder
 * has never held a database (a fresh install). `serve` never falls back: it
 * takes --demo explicitly, so tests and kiosks on fresh folders stay normal.
 */
import { existsSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { ownerOnlyDir, writeOwnerOnlyFileSync } from '../../db/owner-only-files.ts';
import { DemoSettingsSchema, type DemoSettings } from '../../domain/demo-api.ts';

export const DEMO_SWITCH_FILE = 'demo-mode.json';
/** The demo's own data folder, inside the real one and never the same database. */
export const DEMO_DATA_SUBDIR = 'demo';

export function demoDataDir(homeDataDir: string): string {
  return join(homeDataDir, DEMO_DATA_SUBDIR);
}

/** The stored switch; undefined when never set (or unreadable, which counts as never set). */
export function readDemoSwitch(homeDataDir: string): DemoSettings | undefined {
  const file = join(homeDataDir, DEMO_SWITCH_FILE);
  if (!existsSync(file)) return undefined;
  try {
    const parsed = DemoSettingsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function writeDemoSwitch(homeDataDir: string, settings: DemoSettings): DemoSettings {
  const valid = DemoSettingsSchema.parse(settings);
  ownerOnlyDir(homeDataDir);
  const file = join(homeDataDir, DEMO_SWITCH_FILE);
  const temporary = `${file}.tmp`;
  writeOwnerOnlyFileSync(temporary, `${JSON.stringify(valid)}\n`);
  renameSync(temporary, file);
  return valid;
}

export type StartModeReason = 'flag' | 'switch' | 'nothing-configured';
export type StartMode = { demo: true; reason: StartModeReason } | { demo: false };

/** What `tiepdon start` opens: `flag` is --demo (true) or --no-demo (false), undefined when neither was given. */
export function chooseStartMode(homeDataDir: string, flag: boolean | undefined): StartMode {
  if (flag !== undefined) return flag ? { demo: true, reason: 'flag' } : { demo: false };
  const stored = readDemoSwitch(homeDataDir);
  if (stored) return stored.enabled ? { demo: true, reason: 'switch' } : { demo: false };
  return existsSync(join(homeDataDir, 'tiepdon.db')) ? { demo: false } : { demo: true, reason: 'nothing-configured' };
}
