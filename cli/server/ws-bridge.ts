/**
 * The browser-mode transport: the API contract over a WebSocket on loopback.
 * A connection must come from the app's own origin and present the per-launch token.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { BRIDGE_MAX_FRAME_BYTES, BRIDGE_PATH, BRIDGE_PROTOCOL, ClientFrameSchema, TOKEN_PROTOCOL_PREFIX, type ServerFrame } from '../../domain/bridge.ts';
import type { App } from '../../services/app.ts';
import type { Logger } from '../../services/log.ts';

export interface BridgeOptions {
  app: App;
  token: string;
  allowedOrigins: () => string[];
  log: Logger;
}

export function createWsBridge({ app, token, allowedOrigins, log }: BridgeOptions) {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: BRIDGE_MAX_FRAME_BYTES,
    handleProtocols: (protocols) => (protocols.has(BRIDGE_PROTOCOL) ? BRIDGE_PROTOCOL : false),
  });

  const unsubscribe = app.events.subscribe((name, payload) => {
    const frame = JSON.stringify({ type: 'event', name, payload } satisfies ServerFrame);
    for (const client of wss.clients) if (client.readyState === client.OPEN) client.send(frame);
  });

  wss.on('connection', (socket: WebSocket) => {
    // A frame that breaks the protocol (invalid UTF-8, over the size limit): ws has already
    // closed the connection with the matching code (1007, 1009); only that connection ends.
    socket.on('error', (error: Error & { code?: string }) => {
      log.warn('bridge closed a connection that broke the protocol', { code: error.code ?? 'unknown' });
    });
    socket.on('message', async (data, isBinary) => {
      if (isBinary) return socket.close(1003, 'text frames only');
      let frame;
      try {
        frame = ClientFrameSchema.parse(JSON.parse(data.toString()));
      } catch {
        log.warn('bridge dropped a malformed frame');
        return socket.close(1008, 'malformed frame');
      }
      // The socket is the caller: an admin session unlocked on it ends with it.
      const result = await app.router.dispatch(frame.method, frame.input, socket);
      if (socket.readyState === socket.OPEN) {
        socket.send(JSON.stringify({ type: 'result', id: frame.id, result } satisfies ServerFrame));
      }
    });
  });

  function refuse(socket: Duplex, status: 401 | 403 | 404, reason: string): void {
    log.warn('bridge refused a connection', { reason });
    // A peer that resets while the refusal is written must not take the service down.
    socket.on('error', () => socket.destroy());
    socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  }

  function handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path !== BRIDGE_PATH) return refuse(socket, 404, 'Not Found');
    const origin = request.headers.origin;
    // Browsers always send Origin on WebSocket handshakes; a page elsewhere is refused.
    // Non-browser clients (the CLI) send none, and still need the token.
    if (origin !== undefined && !allowedOrigins().includes(origin)) return refuse(socket, 403, 'Forbidden');
    const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    const presented = offered.find((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX))?.slice(TOKEN_PROTOCOL_PREFIX.length);
    if (!presented || !tokensMatch(presented, token)) return refuse(socket, 401, 'Unauthorized');
    if (!offered.includes(BRIDGE_PROTOCOL)) return refuse(socket, 401, 'Unauthorized');
    wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
  }

  return {
    handleUpgrade,
    get clientCount() {
      return wss.clients.size;
    },
    close(): Promise<void> {
      unsubscribe();
      for (const client of wss.clients) client.terminate();
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}

function tokensMatch(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
