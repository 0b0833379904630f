/**
 * Wires the API router and event bus to IPC: one invoke channel for calls,
 * one channel for events. Every call is checked for its sender here and for its
 * schema by the router.
 */
import type { EventName } from '../../domain/api.ts';
import type { Result } from '../../domain/result.ts';
import type { Logger } from '../../services/log.ts';
import { CALL_CHANNEL, EVENT_CHANNEL } from '../preload/channels.ts';
import { isAppUrl } from './app-origin.ts';
import { checkSender, type IpcSenderEvent } from './sender-check.ts';
import type { TrustedContents } from './trusted-contents.ts';

export const UNAUTHORISED_ANSWER = {
  ok: false,
  error: { code: 'UNAUTHORISED', message: 'This page may not use the TiepDon API' },
} as const satisfies Result<never>;

export interface ApiDispatcher {
  /** `caller` keys per-connection state (the admin session): here the sending WebContents. */
  dispatch(method: unknown, input: unknown, caller: object): Promise<Result<unknown>>;
}

export type CallHandler = (event: IpcSenderEvent, method: unknown, input: unknown) => Promise<Result<unknown>>;

/** The parts of a WebContents that tell when its page is no longer the one that unlocked the settings. */
interface PageEvents {
  once?(event: 'destroyed', listener: () => void): unknown;
  on?(event: 'did-navigate' | 'render-process-gone', listener: () => void): unknown;
}

export function createCallHandler(router: ApiDispatcher, trusted: Pick<TrustedContents, 'has'>, log: Logger): CallHandler {
  // One caller object per page shown in a WebContents, whatever wrapper object Electron hands each event.
  // A reload, a navigation or a crashed renderer starts a new caller: an unlocked admin session does not outlive its page.
  const callers = new Map<number, object>();
  const watched = new Set<number>();
  const watch = (sender: IpcSenderEvent['sender'] & PageEvents): void => {
    if (watched.has(sender.id)) return;
    watched.add(sender.id);
    const forget = (): void => void callers.delete(sender.id);
    sender.on?.('did-navigate', forget);
    sender.on?.('render-process-gone', forget);
    sender.once?.('destroyed', () => {
      forget();
      watched.delete(sender.id);
    });
  };
  const callerOf = (sender: IpcSenderEvent['sender'] & PageEvents): object => {
    watch(sender);
    let caller = callers.get(sender.id);
    if (!caller) callers.set(sender.id, (caller = Object.freeze({ webContentsId: sender.id })));
    return caller;
  };
  return async (event, method, input) => {
    const verdict = checkSender(event, trusted);
    if (!verdict.trusted) {
      log.warn('api call refused', { reason: verdict.reason, method: typeof method === 'string' ? method.slice(0, 80) : typeof method });
      return UNAUTHORISED_ANSWER;
    }
    return router.dispatch(method, input, callerOf(event.sender));
  };
}

export interface IpcMainPort {
  handle(channel: string, listener: CallHandler): void;
  removeHandler(channel: string): void;
}

/** Registers the call channel; returns a function that unregisters it. */
export function registerApiHandler(ipcMain: IpcMainPort, router: ApiDispatcher, trusted: Pick<TrustedContents, 'has'>, log: Logger): () => void {
  ipcMain.handle(CALL_CHANNEL, createCallHandler(router, trusted, log));
  return () => ipcMain.removeHandler(CALL_CHANNEL);
}

export interface EventSource {
  subscribe(listener: (name: EventName, payload: unknown) => void): () => void;
}

export interface EventReceiver {
  readonly mainFrame: { readonly origin: string } | null;
  send(channel: string, ...args: unknown[]): void;
}

/** Sends every API event to each trusted window currently showing our origin. */
export function forwardEvents(events: EventSource, receivers: { list(): EventReceiver[] }, log: Logger): () => void {
  return events.subscribe((name, payload) => {
    for (const contents of receivers.list()) {
      try {
        if (contents.mainFrame && isAppUrl(contents.mainFrame.origin)) contents.send(EVENT_CHANNEL, name, payload);
      } catch (error) {
        log.warn('event not delivered', { event: name, error: error instanceof Error ? error.message : String(error) });
      }
    }
  });
}
