/**
 * The browser-mode transport: API calls and events over one WebSocket, as
 * described in domain/bridge.ts. It owns request ids, the table of calls in
 * flight, and reconnection with backoff. It touches no browser globals, so the
 * page supplies the socket constructor (and tests can supply Node's).
 */
import { BRIDGE_MAX_FRAME_BYTES, BRIDGE_PROTOCOL, ServerFrameSchema, tokenProtocol, type ClientFrame } from '../../../domain/bridge.ts';
import type { ApiError } from '../../../domain/errors.ts';
import { createConnectionSource, type BridgeTransport } from './connection.ts';

/** The part of the WebSocket interface this transport uses. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'close', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

export type SocketFactory = (url: string, protocols: string[]) => SocketLike;

export interface ReconnectPolicy {
  initialMs: number;
  maxMs: number;
  factor: number;
}

export interface WebSocketTransportOptions {
  url: string;
  token: string;
  createSocket: SocketFactory;
  reconnect?: ReconnectPolicy;
  callTimeoutMs?: number;
}

export const DEFAULT_RECONNECT: ReconnectPolicy = { initialMs: 250, maxMs: 5_000, factor: 2 };
const DEFAULT_CALL_TIMEOUT_MS = 15_000;
const OPEN = 1;

interface PendingCall {
  resolve: (envelope: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class TransportClosedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransportClosedError';
  }
}

export function createWebSocketTransport(options: WebSocketTransportOptions): BridgeTransport {
  const policy = options.reconnect ?? DEFAULT_RECONNECT;
  const callTimeoutMs = options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  const connection = createConnectionSource('connecting');
  const pending = new Map<number, PendingCall>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let socket: SocketLike | undefined;
  let nextId = 1;
  let failedAttempts = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let closedOnPurpose = false;

  function connect(): void {
    retryTimer = undefined;
    let current: SocketLike;
    try {
      current = options.createSocket(options.url, [BRIDGE_PROTOCOL, tokenProtocol(options.token)]);
    } catch {
      scheduleReconnect();
      return;
    }
    socket = current;
    current.addEventListener('open', () => {
      if (socket !== current) return;
      failedAttempts = 0;
      connection.set('connected');
    });
    current.addEventListener('message', (event) => {
      if (socket === current) onMessage(event.data);
    });
    current.addEventListener('close', () => {
      if (socket !== current) return;
      socket = undefined;
      failPending('The connection to TiepDon closed');
      if (!closedOnPurpose) scheduleReconnect();
    });
  }

  function scheduleReconnect(): void {
    connection.set('reconnecting');
    const delay = Math.min(policy.maxMs, policy.initialMs * policy.factor ** failedAttempts);
    failedAttempts += 1;
    retryTimer = setTimeout(connect, delay);
  }

  function onMessage(data: unknown): void {
    if (typeof data !== 'string') return;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    const frame = ServerFrameSchema.safeParse(json);
    if (!frame.success) return;
    if (frame.data.type === 'result') {
      const call = pending.get(frame.data.id);
      if (!call) return;
      pending.delete(frame.data.id);
      clearTimeout(call.timer);
      call.resolve(frame.data.result);
      return;
    }
    for (const listener of [...(listeners.get(frame.data.name) ?? [])]) listener(frame.data.payload);
  }

  function failPending(message: string): void {
    for (const [id, call] of pending) {
      clearTimeout(call.timer);
      pending.delete(id);
      call.reject(new TransportClosedError(message));
    }
  }

  connect();

  return {
    connection,
    call(method, input) {
      const open = socket;
      if (!open || open.readyState !== OPEN) {
        return Promise.reject(new TransportClosedError('Not connected to TiepDon'));
      }
      const id = nextId++;
      const frame: ClientFrame = { type: 'call', id, method, input: input ?? {} };
      const text = JSON.stringify(frame);
      // The server would close the connection on a larger frame (1009), failing every call in flight.
      if (isOverFrameLimit(text)) {
        const error: ApiError = {
          code: 'BAD_INPUT',
          message: `Invalid input for ${method}: larger than the ${BRIDGE_MAX_FRAME_BYTES} bytes a call can carry`,
        };
        return Promise.resolve({ ok: false, error });
      }
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          const error: ApiError = { code: 'TIMEOUT', message: `No answer to ${method} in ${callTimeoutMs} ms` };
          resolve({ ok: false, error });
        }, callTimeoutMs);
        pending.set(id, { resolve, reject, timer });
        try {
          open.send(text);
        } catch (error) {
          clearTimeout(timer);
          pending.delete(id);
          reject(new TransportClosedError(error instanceof Error ? error.message : String(error)));
        }
      });
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
    close() {
      closedOnPurpose = true;
      clearTimeout(retryTimer);
      const open = socket;
      socket = undefined;
      failPending('The connection to TiepDon was closed');
      open?.close(1000, 'closing');
      connection.set('closed');
    },
  };
}

/** UTF-8 takes at most three bytes per UTF-16 unit: only a text that could be over the limit is encoded to measure it. */
function isOverFrameLimit(text: string): boolean {
  return text.length * 3 > BRIDGE_MAX_FRAME_BYTES && new TextEncoder().encode(text).byteLength > BRIDGE_MAX_FRAME_BYTES;
}
