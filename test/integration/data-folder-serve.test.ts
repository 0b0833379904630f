/**
 * The real `tiepdon serve` on a data folder that already exists, under the
 * usual desktop umask (022): everything it writes is the owner's only, and a
 * demo run on the same folder never changes the real station's demo switch.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { WebSocket } from 'ws';
import { BRIDGE_PROTOCOL, tokenProtocol } from '../../domain/bridge.ts';
import { LAUNCH_TOKEN_FILE } from '../../cli/commands/serve.ts';
import { DEMO_SWITCH_FILE } from '../../services/demo/demo-switch.ts';
import { makeTempDir } from '../rig/temp-dir.ts';

const TIEPDON = fileURLToPath(new URL('../../cli/tiepdon.ts', import.meta.url));
const START_TIMEOUT_MS = 30_000;
const ADMIN_PIN = '246810';

interface Served {
  readonly child: ChildProcess;
  readonly socket: WebSocket;
  call(method: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>;
  stop(): Promise<void>;
}

async function serve(dataDir: string, args: readonly string[] = []): Promise<Served> {
  const child = spawn(process.execPath, [TIEPDON, 'serve', '--port', '0', '--data-dir', dataDir, '--no-open', '--keep-address', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = once(child, 'exit');
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
  };
  try {
    const listening = await listeningLine(child, () => stderr);
    const url = new URL(listening.url);
    const token = url.hash.replace('#token=', '');
    const socket = new WebSocket(`ws://${url.host}/api`, [BRIDGE_PROTOCOL, tokenProtocol(token)], { origin: url.origin });
    await once(socket, 'open');
    let nextId = 0;
    const call: Served['call'] = async (method, input) => {
      const id = ++nextId;
      socket.send(JSON.stringify({ type: 'call', id, method, input }));
      for (;;) {
        const [data] = await once(socket, 'message');
        const frame = JSON.parse(String(data));
        if (frame.type === 'result' && frame.id === id) return frame.result;
      }
    };
    return {
      child,
      socket,
      call,
      stop: async () => {
        socket.close();
        await stop();
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function listeningLine(child: ChildProcess, stderr: () => string): Promise<{ url: string }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not listen in time\n${stderr()}`)), START_TIMEOUT_MS);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${code}) before listening\n${stderr()}`));
    });
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      const parsed = JSON.parse(line) as { event?: string; url?: string };
      if (parsed.event === 'listening' && parsed.url) {
        clearTimeout(timer);
        resolve({ url: parsed.url });
      }
    });
  });
}

/** Every entry under a folder (the folder itself first), with its permission bits. */
function modesUnder(root: string): Map<string, { mode: number; directory: boolean }> {
  const found = new Map<string, { mode: number; directory: boolean }>();
  const visit = (path: string, name: string) => {
    const stat = statSync(path);
    found.set(name, { mode: stat.mode & 0o777, directory: stat.isDirectory() });
    if (stat.isDirectory()) for (const entry of readdirSync(path)) visit(join(path, entry), name === '.' ? entry : `${name}/${entry}`);
  };
  visit(root, '.');
  return found;
}

function assertOwnerOnly(root: string): Map<string, { mode: number; directory: boolean }> {
  const modes = modesUnder(root);
  const wider = [...modes]
    .filter(([, { mode, directory }]) => mode !== (directory ? 0o700 : 0o600))
    .map(([name, { mode }]) => `${name} ${mode.toString(8)}`);
  assert.deepEqual(wider, [], 'every file 0600 and every folder 0700');
  return modes;
}

describe('tiepdon serve on an existing data folder', { skip: process.platform === 'win32' && 'POSIX modes' }, () => {
  const home = makeTempDir('tiepdon-modes-');
  let real: Served | undefined;
  let demo: Served | undefined;

  before(() => {
    // The usual desktop umask, and a folder made before the app ever ran (as IT would with mkdir).
    process.umask(0o022);
    chmodSync(home.path, 0o755);
  });

  after(async () => {
    await real?.stop();
    await demo?.stop();
    home[Symbol.dispose]();
  });

  it('keeps the database with its WAL and shared memory, logs, settings, secrets, a diagnostics export and the launch token owner-only', async () => {
    real = await serve(home.path);
    assert.equal((await real.call('admin.setPin', { pin: ADMIN_PIN })).ok, true);
    assert.equal((await real.call('settings.his.set', { baseUrl: 'http://127.0.0.1:9/fhir', authKind: 'bearer', token: 'his-bearer-token' })).ok, true);
    assert.equal((await real.call('settings.demo.set', { enabled: false })).ok, true);
    assert.equal((await real.call('diagnostics.export', {})).ok, true);

    const modes = assertOwnerOnly(home.path);
    const names = [...modes.keys()];
    for (const expected of ['tiepdon.db', 'tiepdon.db-wal', 'tiepdon.db-shm', 'db.key', 'secrets.key', DEMO_SWITCH_FILE, LAUNCH_TOKEN_FILE, 'logs/tiepdon.log']) {
      assert.ok(names.includes(expected), `${expected} was written (found ${names.join(', ')})`);
    }
    assert.ok(names.some((name) => /^secrets\/.+/.test(name)), 'a secret was written');
    assert.ok(names.some((name) => /^diagnostics\/.+\.zip$/.test(name)), 'a diagnostics export was written');
    await real.stop();
    real = undefined;
    assertOwnerOnly(home.path);
  });

  it("refuses, in a demo run, to turn demo mode on for the real station (which has an admin PIN), and leaves its switch untouched", async () => {
    const switchFile = join(home.path, DEMO_SWITCH_FILE);
    const before = { text: readFileSync(switchFile, 'utf8'), mtimeMs: statSync(switchFile).mtimeMs };
    assert.deepEqual(JSON.parse(before.text), { enabled: false });

    demo = await serve(home.path, ['--demo']);
    const view = await demo.call('settings.demo.get', {});
    assert.deepEqual(view.value, { enabled: false, active: true }, "the real station's switch as it was, and this run is demo");
    const answer = await demo.call('settings.demo.set', { enabled: true });
    assert.equal(answer.ok, false);
    assert.equal(answer.error?.code, 'DEMO_SWITCH_REAL_APP_ONLY');
    await demo.stop();
    demo = undefined;

    assert.deepEqual({ text: readFileSync(switchFile, 'utf8'), mtimeMs: statSync(switchFile).mtimeMs }, before, "the real folder's demo-mode.json is untouched");
    assertOwnerOnly(home.path);
  });
});
