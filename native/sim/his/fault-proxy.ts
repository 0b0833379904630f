/**
 * A proxy in front of the FHIR simulator that misbehaves on demand, the way
 * hospital networks and servers do: down (connection refused), 500, 429 with
 * Retry-After, a stall (30 s by default), a connection reset before or after
 * the request reached the server, malformed JSON after the server applied
 * the request, and a 400 refusal. A fault applies to the next `count` requests (default: until
 * changed), then the proxy passes requests through again.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Fault =
  | { kind: 'pass' }
  | { kind: 'down' }
  | { kind: 'error-500' }
  /** 400 with an OperationOutcome: a refusal no retry will change. */
  | { kind: 'reject-400' }
  /** Retry-After in seconds, or as an HTTP date `seconds` from the proxy's clock (shifted by `clockSkewMs`). */
  | { kind: 'rate-limit'; retryAfterSeconds: number; asDate?: boolean; clockSkewMs?: number }
  | { kind: 'stall'; ms?: number }
  /** Reset before forwarding: the server never saw the request. */
  | { kind: 'reset' }
  /** Forward, then reset: the server applied it but the client never hears. */
  | { kind: 'reset-after' }
  /** Forward, then answer 200 with broken JSON. */
  | { kind: 'malformed' };

export interface FaultProxy {
  readonly url: string;
  /** Applies `fault` to the next `count` requests, or to all until changed. */
  set(fault: Fault, count?: number): Promise<void>;
  /** Requests seen, faulted or not. */
  readonly requests: number;
  stop(): Promise<void>;
}

export const DEFAULT_STALL_MS = 30_000;

function collect(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/** Starts a proxy to `target` (a FHIR base URL such as http://127.0.0.1:4000/fhir); the proxy's URL keeps the path. */
export async function startFaultProxy(target: string, options: { port?: number; host?: string } = {}): Promise<FaultProxy> {
  const upstream = new URL(target);
  const host = options.host ?? '127.0.0.1';
  let fault: Fault = { kind: 'pass' };
  let remaining = Number.POSITIVE_INFINITY;
  let requests = 0;
  const sockets = new Set<Socket>();
  const stalls = new Set<NodeJS.Timeout>();

  const forward = async (request: IncomingMessage): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> => {
    const body = await collect(request);
    return new Promise((resolve, reject) => {
      const headers = { ...request.headers, host: upstream.host };
      const out = httpRequest(
        { host: upstream.hostname, port: upstream.port, method: request.method, path: request.url, headers },
        (reply) => {
          collect(reply).then((replyBody) => resolve({ status: reply.statusCode ?? 502, headers: reply.headers, body: replyBody }), reject);
        },
      );
      out.on('error', reject);
      out.end(body);
    });
  };

  const currentFault = (): Fault => {
    if (remaining <= 0) return { kind: 'pass' };
    remaining -= 1;
    return fault;
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    requests += 1;
    const now = currentFault();
    switch (now.kind) {
      case 'error-500':
        await collect(request);
        response.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error');
        return;
      case 'reject-400':
        await collect(request);
        response
          .writeHead(400, { 'content-type': 'application/fhir+json' })
          .end(JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'invalid', details: { text: 'Rejected by the fault proxy' } }] }));
        return;
      case 'rate-limit': {
        await collect(request);
        const retryAfter = now.asDate
          ? new Date(Date.now() + (now.clockSkewMs ?? 0) + now.retryAfterSeconds * 1000).toUTCString()
          : String(now.retryAfterSeconds);
        const date = new Date(Date.now() + (now.clockSkewMs ?? 0)).toUTCString();
        response.writeHead(429, { 'retry-after': retryAfter, date, 'content-type': 'text/plain' }).end('Too Many Requests');
        return;
      }
      case 'stall': {
        await collect(request);
        const timer = setTimeout(() => {
          stalls.delete(timer);
          response.writeHead(504).end();
        }, now.ms ?? DEFAULT_STALL_MS);
        stalls.add(timer);
        return;
      }
      case 'reset':
        request.socket.destroy();
        return;
      case 'reset-after':
        await forward(request);
        request.socket.destroy();
        return;
      case 'malformed': {
        const reply = await forward(request);
        response.writeHead(200, { 'content-type': 'application/fhir+json' }).end(reply.body.subarray(0, Math.max(1, reply.body.length >> 1)));
        return;
      }
      case 'down':
      case 'pass': {
        const reply = await forward(request);
        const headers = { ...reply.headers };
        delete headers['transfer-encoding'];
        delete headers.connection;
        delete headers['keep-alive'];
        response.writeHead(reply.status, { ...headers, 'content-length': reply.body.length }).end(reply.body);
      }
    }
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) response.writeHead(502).end();
      else response.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
  const close = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });

  await listen(options.port ?? 0);
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${host}:${port}${upstream.pathname.replace(/\/$/, '')}`,
    get requests() {
      return requests;
    },
    async set(next, count) {
      fault = next;
      remaining = count ?? Number.POSITIVE_INFINITY;
      // Down means nothing listens: connections are refused, as with a stopped server.
      if (next.kind === 'down') await close();
      else if (!server.listening) await listen(port);
    },
    async stop() {
      for (const timer of stalls) clearTimeout(timer);
      stalls.clear();
      await close();
    },
  };
}
