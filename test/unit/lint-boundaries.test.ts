/**
 * Proves the import boundaries of eslint.config.js with the ESLint Node API:
 * for each rule, code that breaks it is reported and code that keeps it is not.
 * The files are virtual (lintText with a filePath); only the path decides the rules.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ESLint } from 'eslint';

const REPO_ROOT = join(import.meta.dirname, '..', '..');
const eslint = new ESLint({ cwd: REPO_ROOT });

const PACKAGES = '@typescript-eslint/no-restricted-imports';
const FOLDERS = 'tiepdon/folder-boundaries';
const ENTRIES = 'no-restricted-syntax';
const BOUNDARY_RULES = new Set([PACKAGES, FOLDERS, ENTRIES]);

/** The boundary rules that report on `code` placed at `file` (other lint rules are ignored). */
async function boundaryProblems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(REPO_ROOT, file) });
  assert.ok(result, `no lint result for ${file}`);
  assert.ok(!result.messages.some((message) => message.message.includes('ignored')), `${file} is ignored by the config`);
  const fatal = result.messages.find((message) => message.fatal);
  assert.equal(fatal, undefined, `parse error in the snippet for ${file}: ${fatal?.message}`);
  return [...new Set(result.messages.map((message) => message.ruleId ?? '').filter((rule) => BOUNDARY_RULES.has(rule)))];
}

interface Case {
  file: string;
  code: string;
}

function refused(name: string, rule: string, { file, code }: Case): void {
  it(`refuses ${name}`, async () => {
    assert.deepEqual(await boundaryProblems(file, code), [rule], `${file}: ${code}`);
  });
}

function allowed(name: string, { file, code }: Case): void {
  it(`allows ${name}`, async () => {
    assert.deepEqual(await boundaryProblems(file, code), [], `${file}: ${code}`);
  });
}

describe('lint boundaries: domain/', () => {
  const file = 'domain/identity/cccd.ts';
  refused('node: builtins', PACKAGES, { file, code: "import { readFileSync } from 'node:fs';" });
  refused('node: builtin subpaths', PACKAGES, { file, code: "import { readFile } from 'node:fs/promises';" });
  refused('bare builtins', PACKAGES, { file, code: "import path from 'path';" });
  refused('electron', PACKAGES, { file, code: "import { app } from 'electron';" });
  refused('react', PACKAGES, { file, code: "import { useState } from 'react';" });
  refused('react subpaths', PACKAGES, { file, code: "import { jsx } from 'react/jsx-runtime';" });
  refused('device addons', PACKAGES, { file, code: "import { Devices } from 'smartcard';" });
  for (const folder of ['native', 'db', 'services', 'electron', 'renderer', 'cli']) {
    refused(`../../${folder}`, FOLDERS, { file, code: `import { x } from '../../${folder}/x.ts';` });
  }
  refused('re-exports from services', FOLDERS, { file, code: "export * from '../../services/app.ts';" });
  refused('dynamic imports of services', FOLDERS, { file, code: "export const load = () => import('../../services/app.ts');" });
  allowed('zod and its own folder', { file, code: "import { z } from 'zod';\nimport { AppError } from '../errors.ts';\nexport { z, AppError };" });
  allowed('node:test in a unit test beside the code', {
    file: 'domain/identity/cccd.test.ts',
    code: "import { it } from 'node:test';\nimport { makeTempDir } from '../../test/rig/temp-dir.ts';",
  });
  refused('electron in a unit test beside the code', PACKAGES, { file: 'domain/identity/cccd.test.ts', code: "import { app } from 'electron';" });
});

describe('lint boundaries: renderer/', () => {
  const file = 'renderer/src/checkin/CheckinScreen.tsx';
  allowed('react, react-dom, i18next, react-i18next and zod', {
    file,
    code: [
      "import { useState } from 'react';",
      "import { createRoot } from 'react-dom/client';",
      "import i18next from 'i18next';",
      "import { useTranslation } from 'react-i18next';",
      "import { z } from 'zod';",
    ].join('\n'),
  });
  allowed('the domain contract', { file, code: "import { createApiClient } from '../../../domain/api.ts';" });
  allowed('a renderer folder that happens to be called services', { file, code: "import { client } from '../services/api-client.ts';" });
  refused('node builtins', PACKAGES, { file, code: "import { join } from 'node:path';" });
  refused('bare builtins', PACKAGES, { file, code: "import { EventEmitter } from 'events';" });
  refused('electron', PACKAGES, { file, code: "import { ipcRenderer } from 'electron';" });
  refused('type-only electron', PACKAGES, { file, code: "import type { IpcRenderer } from 'electron';" });
  refused('ws', PACKAGES, { file, code: "import WebSocket from 'ws';" });
  for (const folder of ['native', 'db', 'services', 'cli', 'electron']) {
    refused(`../../../${folder}`, FOLDERS, { file, code: `import { x } from '../../../${folder}/x.ts';` });
  }
});

describe('lint boundaries: electron is for electron/ only', () => {
  allowed('electron in the main entry', { file: 'electron/main/index.ts', code: "import { app } from 'electron';" });
  allowed('electron in the preload entry', { file: 'electron/preload/index.ts', code: "import { contextBridge } from 'electron';" });
  allowed('type-only electron in other main modules', { file: 'electron/main/main-window.ts', code: "import type { WebPreferences } from 'electron';" });
  refused('electron values outside the entries (they must run in plain Node tests)', ENTRIES, {
    file: 'electron/main/main-window.ts',
    code: "import { BrowserWindow } from 'electron';",
  });
  refused('electron in services', PACKAGES, { file: 'services/app.ts', code: "import { app } from 'electron';" });
  refused('type-only electron in services', PACKAGES, { file: 'services/app.ts', code: "import type { WebContents } from 'electron';" });
  refused('electron subpaths in cli', PACKAGES, { file: 'cli/tiepdon.ts', code: "import { app } from 'electron/main';" });
  refused('type-only electron in native', PACKAGES, { file: 'native/devicehost/parent-port.ts', code: "import type { ParentPort } from 'electron';" });
  refused('electron in tests', PACKAGES, { file: 'test/integration/x.test.ts', code: "import { app } from 'electron';" });
  refused('electron in root scripts', PACKAGES, { file: 'scripts/setup.ts', code: "import { app } from 'electron';" });
});

describe('lint boundaries: device addons', () => {
  allowed('smartcard in the device host', { file: 'native/devicehost/pcsc-source.ts', code: "import { Devices } from 'smartcard';" });
  allowed('serialport and node-hid in the device host', {
    file: 'native/devicehost/scanners.ts',
    code: "import { SerialPort } from 'serialport';\nimport { ReadlineParser } from '@serialport/parser-readline';\nimport HID from 'node-hid';",
  });
  allowed('type-only addon imports elsewhere in native/', { file: 'native/pcsc/reader-monitor.ts', code: "import type { Reader } from 'smartcard';" });
  refused('addon values elsewhere in native/', PACKAGES, { file: 'native/pcsc/reader-monitor.ts', code: "import { Devices } from 'smartcard';" });
  refused('@serialport/* values in native/scanner', PACKAGES, { file: 'native/scanner/serial.ts', code: "import { ReadlineParser } from '@serialport/parser-readline';" });
  refused('type-only addon imports in services', PACKAGES, { file: 'services/devices.ts', code: "import type { Reader } from 'smartcard';" });
  refused('serialport in services', PACKAGES, { file: 'services/devices.ts', code: "import { SerialPort } from 'serialport';" });
  refused('node-hid in cli', PACKAGES, { file: 'cli/commands/devices.ts', code: "import HID from 'node-hid';" });
  refused('addons in electron/', PACKAGES, { file: 'electron/main/index.ts', code: "import { Devices } from 'smartcard';" });
  allowed('addons in tests and benchmarks', { file: 'test/integration/pcsc.test.ts', code: "import { Devices } from 'smartcard';\nimport HID from 'node-hid';" });
  allowed('addons in benchmarks', { file: 'bench/serial.ts', code: "import { SerialPort } from 'serialport';" });
});

describe('lint boundaries: the SQLite binding', () => {
  const binding = "import Database from 'better-sqlite3-multiple-ciphers';";
  allowed('it in db/', { file: 'db/connection.ts', code: binding });
  allowed('it in tests', { file: 'test/unit/db.test.ts', code: binding });
  refused('it in services', PACKAGES, { file: 'services/app.ts', code: binding });
  refused('it in the device host', PACKAGES, { file: 'native/devicehost/host.ts', code: binding });
  refused('it in electron/', PACKAGES, { file: 'electron/main/index.ts', code: binding });
  refused('it in cli', PACKAGES, { file: 'cli/commands/inspect.ts', code: binding });
});

describe('lint boundaries: native/, db/ and services/ look only downwards', () => {
  for (const folder of ['services', 'electron', 'cli', 'renderer']) {
    refused(`native/ importing ${folder}/`, FOLDERS, { file: 'native/pcsc/reader-monitor.ts', code: `import { x } from '../../${folder}/x.ts';` });
    refused(`db/ importing ${folder}/`, FOLDERS, { file: 'db/connection.ts', code: `import { x } from '../${folder}/x.ts';` });
  }
  for (const folder of ['electron', 'cli', 'renderer']) {
    refused(`services/ importing ${folder}/`, FOLDERS, { file: 'services/app.ts', code: `import { x } from '../${folder}/x.ts';` });
  }
  refused('require() across the boundary', FOLDERS, { file: 'native/pcsc/legacy.ts', code: "const log = require('../../services/log.ts');\nexport { log };" });
  allowed('native/ importing domain/', { file: 'native/pcsc/reader-monitor.ts', code: "import { AppError } from '../../domain/errors.ts';" });
  allowed('db/ importing domain/', { file: 'db/connection.ts', code: "import { AppError } from '../domain/errors.ts';" });
  allowed('services/ importing domain/, native/ and db/', {
    file: 'services/app.ts',
    code: "import { AppError } from '../domain/errors.ts';\nimport { openDatabase } from '../db/connection.ts';\nimport type { HostLauncher } from '../native/devicehost/protocol.ts';",
  });
  allowed('electron/ importing services/', { file: 'electron/main/index.ts', code: "import { createApp } from '../../services/app.ts';" });
  allowed('cli/ importing services/', { file: 'cli/commands/serve.ts', code: "import { createApp } from '../../services/app.ts';" });
  refused('cli/ importing electron/', FOLDERS, { file: 'cli/commands/serve.ts', code: "import { x } from '../../electron/main/x.ts';" });
  refused('electron/ importing renderer/', FOLDERS, { file: 'electron/main/index.ts', code: "import { x } from '../../renderer/src/x.ts';" });
});

describe('lint boundaries: the sandboxed preload', () => {
  const file = 'electron/preload/bridge.ts';
  allowed('the domain contract and its own channels', { file, code: "import { isEventName } from '../../domain/api.ts';\nimport { CALL_CHANNEL } from './channels.ts';" });
  refused('Node builtins', PACKAGES, { file, code: "import { readFileSync } from 'node:fs';" });
  refused('services/', FOLDERS, { file, code: "import { createApp } from '../../services/app.ts';" });
});
