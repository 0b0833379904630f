import assert from 'node:assert/strict';
import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { BRIDGE_PROTOCOL, tokenProtocol } from '../../domain/bridge.ts';
import { startBrowserServer, type BrowserServer } from '../../cli/server/browser-server.ts';
import { createApp, type App } from '../../services/app.ts';
import { silentLogger } from '../../services/log.ts';
import { makeTempDir } from '../rig/temp-dir.ts';

describe('browser-mode server', () => {
  const data = makeTempDir();
  const renderer = makeTempDir();
  let app: App;
  let server: BrowserServer;

  before(async () => {
    writeFileSync(join(renderer.path, 'index.html'), '<!doctype html><title>TiepDon</title>');
    app = await createApp({ dataDir: data.path, mode: 'browser', deviceHost: false });
    server = await startBrowserServer({ app, rendererDir: renderer.path, log: silentLogger });
  });

  after(async () => {
    await server.close();
    await app.close();
    data[Symbol.dispose]();
    renderer[Symbol.dispose]();
  });

  const wsUrl = () => `ws://127.0.0.1:${server.port}/api`;

  async function open(protocols: string[], origin?: string, url = wsUrl()): Promise<WebSocket> {
    const socket = new WebSocket(url, protocols, origin ? { origin } : {});
    await once(socket, 'open');
    return socket;
  }

  async function refusal(protocols: string[], origin?: string, url = wsUrl()): Promise<number> {
    const socket = new WebSocket(url, protocols, origin ? { origin } : {});
    socket.on('error', () => undefined);
    const [, response] = await once(socket, 'unexpected-response');
    return (response as { statusCode: number }).statusCode;
  }

  async function call(socket: WebSocket, id: number, method: string, input: unknown) {
    socket.send(JSON.stringify({ type: 'call', id, method, input }));
    for (;;) {
      const [data] = await once(socket, 'message');
      const frame = JSON.parse(String(data));
      if (frame.type === 'result' && frame.id === id) return frame.result;
    }
  }

  it('listens on loopback only', () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]{64}$/);
  });

  it('answers API calls from its own origin with the token', async () => {
    const socket = await open([BRIDGE_PROTOCOL, tokenProtocol(server.token)], server.origin);
    assert.equal(socket.protocol, BRIDGE_PROTOCOL);
    const result = await call(socket, 1, 'system.status', {});
    assert.equal(result.ok, true);
    assert.equal(result.value.mode, 'browser');
    assert.equal(result.value.database.ready, true);
    socket.close();
  });

  it('answers a typed error for an unknown method and bad input', async () => {
    const socket = await open([BRIDGE_PROTOCOL, tokenProtocol(server.token)], server.origin);
    assert.equal((await call(socket, 1, 'nope.nothing', {})).error.code, 'UNKNOWN_METHOD');
    assert.equal((await call(socket, 2, 'system.status', { x: 1 })).error.code, 'BAD_INPUT');
    socket.close();
  });

  it('forwards events to connected pages', async () => {
    const socket = await open([BRIDGE_PROTOCOL, tokenProtocol(server.token)], server.origin);
    const received = once(socket, 'message');
    const snapshot = {
      host: { state: 'running' as const, restarts: 0 },
      pcsc: { state: 'available' as const },
      readers: [{ name: 'Virtual PCD 00 00', cardPresent: false }],
      serialPorts: [],
      hidDevices: [],
      scanners: [],
    };
    app.events.emit('devices.changed', snapshot);
    const frame = JSON.parse(String((await received)[0]));
    assert.deepEqual(frame, { type: 'event', name: 'devices.changed', payload: snapshot });
    socket.close();
  });

  it('refuses a connection without the token', async () => {
    assert.equal(await refusal([BRIDGE_PROTOCOL], server.origin), 401);
  });

  it('refuses a wrong token', async () => {
    assert.equal(await refusal([BRIDGE_PROTOCOL, tokenProtocol('0'.repeat(64))], server.origin), 401);
    assert.equal(await refusal([BRIDGE_PROTOCOL, tokenProtocol(server.token.slice(0, 63))], server.origin), 401);
  });

  it('refuses a foreign origin even with the right token', async () => {
    for (const origin of ['http://evil.example', `http://127.0.0.1:${server.port + 1}`, 'null', 'file://']) {
      assert.equal(await refusal([BRIDGE_PROTOCOL, tokenProtocol(server.token)], origin), 403, origin);
    }
  });

  it('refuses other paths', async () => {
    const url = `ws://127.0.0.1:${server.port}/other`;
    assert.equal(await refusal([BRIDGE_PROTOCOL, tokenProtocol(server.token)], server.origin, url), 404);
  });

  it('closes a socket that sends a malformed frame and keeps serving others', async () => {
    const bad = await open([BRIDGE_PROTOCOL, tokenProtocol(server.token)], server.origin);
    bad.send('{not json');
    const [code] = await once(bad, 'close');
    assert.equal(code, 1008);
    const good = await open([BRIDGE_PROTOCOL, tokenProtocol(server.token)], server.origin);
    assert.equal((await call(good, 7, 'system.status', {})).ok, true);
    good.close();
  });

  it('serves the renderer with a strict CSP and without leaving its folder', async () => {
    const index = await fetch(`${server.origin}/`);
    assert.equal(index.status, 200);
    const csp = index.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-eval/);
    assert.match(csp, new RegExp(`connect-src 'self' ws://127\\.0\\.0\\.1:${server.port}`));
    for (const path of ['/../package.json', '/%2e%2e/package.json', '/..%2fpackage.json', '/%00']) {
      const response = await fetch(`${server.origin}${path}`);
      assert.notEqual(response.status, 200, path);
    }
  });
});

describe('browser-mode server at a kept address', () => {
  it('listens on the port asked for with the token given, and on another port only when that one is taken', async () => {
    using data = makeTempDir();
    using renderer = makeTempDir();
    writeFileSync(join(renderer.path, 'index.html'), '<!doctype html><title>TiepDon</title>');
    const app = await createApp({ dataDir: data.path, mode: 'browser', deviceHost: false });
    const token = 'ab'.repeat(32);
    const first = await startBrowserServer({ app, rendererDir: renderer.path, log: silentLogger, token });
    assert.equal(first.token, token);
    const port = first.port;
    await first.close();

    const again = await startBrowserServer({ app, rendererDir: renderer.path, log: silentLogger, token, port, anyPortIfTaken: true });
    assert.deepEqual([again.port, again.url.endsWith(`#token=${token}`)], [port, true], 'the same address after a restart');
    await assert.rejects(startBrowserServer({ app, rendererDir: renderer.path, log: silentLogger, port }), { code: 'EADDRINUSE' });
    const elsewhere = await startBrowserServer({ app, rendererDir: renderer.path, log: silentLogger, port, anyPortIfTaken: true });
    assert.notEqual(elsewhere.port, port, 'another port while the first is taken');
    await elsewhere.close();
    await again.close();
    await app.close();
  });
});
