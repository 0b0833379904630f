/**
 * The real `tiepdon serve` against input meant to break it: frames that break
 * the WebSocket protocol, a request too large for one frame, and a flood of
 * refused connections. The service keeps serving, and its log stays short.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { WebSocket } from 'ws';
import { createApiClient } from '../../domain/api.ts';
import { BRIDGE_MAX_FRAME_BYTES, BRIDGE_PATH, BRIDGE_PROTOCOL, tokenProtocol } from '../../domain/bridge.ts';
import { createWebSocketTransport } from '../../renderer/src/bridge/websocket-transport.ts';
import { startServer, type ServedApp } from '../rig/browser.ts';

const REFUSED_CONNECTIONS = 500;

describe('tiepdon serve against frames and connections meant to break it', () => {
  let server: ServedApp;
  let token: string;
  const wsUrl = () => `ws://127.0.0.1:${server.port}${BRIDGE_PATH}`;
  const logLines = () =>
    readFileSync(join(server.dataDir, 'logs', 'tiepdon.log'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  before(async () => {
    server = await startServer();
    token = new URL(server.url).hash.replace('#token=', '');
  });

  after(async () => {
    await server?.stop();
  });

  async function open(): Promise<WebSocket> {
    const socket = new WebSocket(wsUrl(), [BRIDGE_PROTOCOL, tokenProtocol(token)]);
    await once(socket, 'open');
    return socket;
  }

  async function answersStatus(): Promise<boolean> {
    const socket = await open();
    socket.send(JSON.stringify({ type: 'call', id: 1, method: 'system.status', input: {} }));
    const [data] = await once(socket, 'message');
    socket.close();
    return (JSON.parse(String(data)) as { result: { ok: boolean } }).result.ok;
  }

  function assertAlive(): void {
    assert.equal(server.process.exitCode, null, `serve exited\n${server.stderr()}`);
    assert.equal(server.process.signalCode, null, `serve was killed\n${server.stderr()}`);
  }

  it('closes a connection that sends invalid UTF-8 (1007) and keeps serving', async () => {
    const socket = await open();
    socket.send(Buffer.from([0x7b, 0xc3, 0x28, 0x7d]), { binary: false });
    const [code] = await once(socket, 'close');
    assert.equal(code, 1007);
    assertAlive();
    assert.equal(await answersStatus(), true);
  });

  it('closes a connection that sends a frame over the limit (1009) and keeps serving', async () => {
    const socket = await open();
    socket.on('error', () => undefined);
    socket.send('x'.repeat(BRIDGE_MAX_FRAME_BYTES + 1));
    const [code] = await once(socket, 'close');
    assert.equal(code, 1009);
    assertAlive();
    assert.equal(await answersStatus(), true);
  });

  it('logs one warning per kind of broken frame, with no content from the frame', () => {
    const broken = logLines().filter((line) => line['msg'] === 'bridge closed a connection that broke the protocol');
    assert.deepEqual(broken.map((line) => line['code']).sort(), ['WS_ERR_INVALID_UTF8', 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH']);
  });

  it('answers a request too large for one frame with a typed error, on a connection that stays up', async () => {
    const transport = createWebSocketTransport({ url: wsUrl(), token, createSocket: (url, protocols) => new globalThis.WebSocket(url, protocols) });
    try {
      await new Promise<void>((resolve) => {
        const stop = transport.connection.subscribe((state) => state === 'connected' && (stop(), resolve()));
      });
      const client = createApiClient(transport);
      const pasted = `-----BEGIN CERTIFICATE-----\n${'A'.repeat(1_200_000)}\n-----END CERTIFICATE-----`;
      const saved = await client.call('settings.his.set', { baseUrl: '', authKind: 'none', user: '', caPem: pasted, timeoutMs: 15_000 });
      assert.equal(!saved.ok && saved.error.code, 'BAD_INPUT');
      assert.equal(transport.connection.get(), 'connected');
      assert.equal((await client.call('system.status', {})).ok, true);
    } finally {
      transport.close();
    }
    assertAlive();
  });

  it('survives connections reset while they are refused', async () => {
    await Promise.all(
      Array.from({ length: 100 }, async () => {
        const socket = connect(server.port, '127.0.0.1');
        socket.on('error', () => undefined);
        await once(socket, 'connect');
        socket.write('GET /elsewhere HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n');
        socket.resetAndDestroy();
      }),
    );
    assertAlive();
    assert.equal(await answersStatus(), true);
  });

  it('writes a flood of refused connections to the log once, not once each', async () => {
    const before = logLines().length;
    for (let batch = 0; batch < REFUSED_CONNECTIONS / 50; batch++) {
      await Promise.all(
        Array.from({ length: 50 }, async () => {
          const socket = new WebSocket(wsUrl(), [BRIDGE_PROTOCOL]);
          socket.on('error', () => undefined);
          await once(socket, 'unexpected-response');
          socket.terminate();
        }),
      );
    }
    const refused = logLines()
      .slice(before)
      .filter((line) => line['msg'] === 'bridge refused a connection');
    assert.deepEqual(
      refused.map((line) => line['reason']),
      ['Unauthorized'],
      `${REFUSED_CONNECTIONS} refusals: the first written, the rest counted`,
    );
    assertAlive();
  });
});
