/**
 * The renderer's browser-mode bridge client against a real WebSocket server
 * (ws), using Node's own WebSocket in place of the browser's.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import { createApiClient } from '../../domain/api.ts';
import { BRIDGE_PATH, BRIDGE_PROTOCOL, tokenProtocol, type ServerFrame } from '../../domain/bridge.ts';
import type { BridgeTransport, ConnectionState } from '../../renderer/src/bridge/connection.ts';
import { takeLaunchToken, type HistoryLike, type StorageLike } from '../../renderer/src/bridge/launch-token.ts';
import { createWebSocketTransport, type WebSocketTransportOptions } from '../../renderer/src/bridge/websocket-transport.ts';

const TOKEN = 'ab'.repeat(32);
const FAST_RECONNECT = { initialMs: 20, maxMs: 100, factor: 2 };

function waitForState(transport: BridgeTransport, wanted: ConnectionState, timeoutMs = 5_000): Promise<void> {
  if (transport.connection.get() === wanted) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`connection never became ${wanted} (is ${transport.connection.get()})`));
    }, timeoutMs);
    const unsubscribe = transport.connection.subscribe((state) => {
      if (state !== wanted) return;
      clearTimeout(timer);
      unsubscribe();
      resolve();
    });
  });
}

/** A stand-in for `tiepdon serve`'s bridge: answers `echo`, ignores `silent`, and can push events. */
class FakeBridgeServer {
  readonly http: Server = createServer();
  readonly wss = new WebSocketServer({
    server: this.http,
    path: BRIDGE_PATH,
    handleProtocols: (protocols) => (protocols.has(BRIDGE_PROTOCOL) && protocols.has(tokenProtocol(TOKEN)) ? BRIDGE_PROTOCOL : false),
  });
  readonly offeredProtocols: string[][] = [];

  constructor() {
    this.wss.on('headers', (_headers, request) => {
      this.offeredProtocols.push(String(request.headers['sec-websocket-protocol']).split(',').map((p) => p.trim()));
    });
    this.wss.on('connection', (socket: ServerSocket) => {
      socket.on('message', (data) => {
        const frame = JSON.parse(String(data)) as { id: number; method: string; input: unknown };
        if (frame.method === 'silent') return;
        const reply: ServerFrame = { type: 'result', id: frame.id, result: { ok: true, value: { echo: frame.input, id: frame.id } } };
        socket.send(JSON.stringify(reply));
      });
    });
  }

  async listen(): Promise<string> {
    await new Promise<void>((resolve) => this.http.listen(0, '127.0.0.1', resolve));
    return `ws://127.0.0.1:${(this.http.address() as AddressInfo).port}${BRIDGE_PATH}`;
  }

  emit(name: string, payload: unknown): void {
    const frame: ServerFrame = { type: 'event', name, payload };
    for (const client of this.wss.clients) client.send(JSON.stringify(frame));
  }

  dropClients(): void {
    for (const client of this.wss.clients) client.terminate();
  }

  async close(): Promise<void> {
    this.dropClients();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }
}

describe('browser-mode bridge client', () => {
  const server = new FakeBridgeServer();
  let url: string;
  const transports: BridgeTransport[] = [];

  const connect = (options: Partial<WebSocketTransportOptions> = {}): BridgeTransport => {
    const transport = createWebSocketTransport({
      url,
      token: TOKEN,
      createSocket: (socketUrl, protocols) => new WebSocket(socketUrl, protocols),
      reconnect: FAST_RECONNECT,
      ...options,
    });
    transports.push(transport);
    return transport;
  };

  before(async () => {
    url = await server.listen();
  });

  after(async () => {
    for (const transport of transports) transport.close();
    await server.close();
  });

  it('presents the bridge protocol and the launch token, and pairs answers with calls', async () => {
    const transport = connect();
    assert.equal(transport.connection.get(), 'connecting');
    await waitForState(transport, 'connected');
    assert.deepEqual(server.offeredProtocols.at(-1), [BRIDGE_PROTOCOL, tokenProtocol(TOKEN)]);

    const [first, second] = await Promise.all([transport.call('echo', { n: 1 }), transport.call('echo', { n: 2 })]);
    assert.deepEqual(first, { ok: true, value: { echo: { n: 1 }, id: 1 } });
    assert.deepEqual(second, { ok: true, value: { echo: { n: 2 }, id: 2 } });
  });

  it('delivers events to the listeners of that name until they unsubscribe', async () => {
    const transport = connect();
    await waitForState(transport, 'connected');
    const heard: unknown[] = [];
    const unsubscribe = transport.on('devices.changed', (payload) => heard.push(payload));
    const done = new Promise<void>((resolve) => transport.on('test.done', () => resolve()));
    server.emit('other.event', { ignored: true });
    server.emit('devices.changed', { n: 1 });
    server.emit('test.done', {});
    await done;
    unsubscribe();
    const doneAgain = new Promise<void>((resolve) => transport.on('test.done', () => resolve()));
    server.emit('devices.changed', { n: 2 });
    server.emit('test.done', {});
    await doneAgain;
    assert.deepEqual(heard, [{ n: 1 }]);
  });

  it('answers calls in flight and calls made while disconnected with TRANSPORT_CLOSED, then reconnects', async () => {
    const transport = connect();
    const client = createApiClient(transport);
    await waitForState(transport, 'connected');

    const inFlight = transport.call('silent', {});
    const lost = waitForState(transport, 'reconnecting');
    server.dropClients();
    await assert.rejects(inFlight, { name: 'TransportClosedError' });
    await lost;

    const whileDown = await client.call('system.status', {});
    assert.equal(whileDown.ok, false);
    assert.equal(!whileDown.ok && whileDown.error.code, 'TRANSPORT_CLOSED');

    await waitForState(transport, 'connected');
    assert.deepEqual(await transport.call('echo', 'again'), { ok: true, value: { echo: 'again', id: 2 } });
  });

  it('keeps retrying while nothing listens, answering calls with TRANSPORT_CLOSED meanwhile', async () => {
    let attempts = 0;
    let thirdAttempt!: () => void;
    const retried = new Promise<void>((resolve) => (thirdAttempt = resolve));
    const transport = connect({
      url: 'ws://127.0.0.1:9/api',
      createSocket: (socketUrl, protocols) => {
        if (++attempts === 3) thirdAttempt();
        return new WebSocket(socketUrl, protocols);
      },
    });
    await waitForState(transport, 'reconnecting');
    await retried;
    const client = createApiClient(transport);
    const result = await client.call('devices.list', {});
    assert.equal(!result.ok && result.error.code, 'TRANSPORT_CLOSED');
  });

  it('answers a call that gets no answer with TIMEOUT', async () => {
    const transport = connect({ callTimeoutMs: 100 });
    await waitForState(transport, 'connected');
    assert.deepEqual(await transport.call('silent', {}), { ok: false, error: { code: 'TIMEOUT', message: 'No answer to silent in 100 ms' } });
  });

  it('stops for good when closed', async () => {
    const transport = connect();
    await waitForState(transport, 'connected');
    transport.close();
    assert.equal(transport.connection.get(), 'closed');
    await assert.rejects(transport.call('echo', {}), { name: 'TransportClosedError' });
  });
});

describe('launch token', () => {
  const fakes = (hash: string, stored?: string) => {
    const replaced: string[] = [];
    const store = new Map<string, string>(stored ? [['tiepdon.bridgeToken', stored]] : []);
    const history: HistoryLike = { state: null, replaceState: (_data, _unused, next) => void replaced.push(String(next)) };
    const storage: StorageLike = { getItem: (key) => store.get(key) ?? null, setItem: (key, value) => void store.set(key, value) };
    return { location: { hash, pathname: '/', search: '' }, history, storage, replaced, store };
  };

  it('takes the token from the fragment, clears the address bar and keeps it for a reload', () => {
    const first = fakes(`#token=${TOKEN}`);
    assert.equal(takeLaunchToken(first.location, first.history, first.storage), TOKEN);
    assert.deepEqual(first.replaced, ['/']);

    const reload = fakes('', first.store.get('tiepdon.bridgeToken'));
    assert.equal(takeLaunchToken(reload.location, reload.history, reload.storage), TOKEN);
    assert.deepEqual(reload.replaced, []);
  });

  it('refuses a token that is not hex, and has none without fragment or storage', () => {
    const odd = fakes('#token=abc%0D%0Aevil');
    assert.equal(takeLaunchToken(odd.location, odd.history, odd.storage), undefined);
    assert.deepEqual(odd.replaced, ['/'], 'even a bad token leaves the address bar');
    const none = fakes('');
    assert.equal(takeLaunchToken(none.location, none.history, none.storage), undefined);
    assert.equal(takeLaunchToken(none.location, none.history, undefined), undefined);
  });
});
