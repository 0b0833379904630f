/**
 * Decides whether an IPC message may reach the API: it must come from the main
 * frame of a window we created, showing our own origin. Subframes, foreign
 * pages and unknown webContents are refused, whatever they send.
 */
import { isAppUrl } from './app-origin.ts';
import type { TrustedContents } from './trusted-contents.ts';

export interface SenderFrame {
  readonly parent: unknown;
  readonly origin: string;
  readonly url: string;
  readonly detached?: boolean;
  isDestroyed(): boolean;
}

export interface IpcSenderEvent {
  readonly sender: { readonly id: number };
  readonly senderFrame: SenderFrame | null;
}

export type SenderVerdict =
  | { trusted: true }
  | { trusted: false; reason: 'unknown webContents' | 'frame gone' | 'subframe' | 'foreign origin' };

export function checkSender(event: IpcSenderEvent, trusted: Pick<TrustedContents, 'has'>): SenderVerdict {
  if (!trusted.has(event.sender)) return { trusted: false, reason: 'unknown webContents' };
  const frame = event.senderFrame;
  // senderFrame is null once the frame navigated or was destroyed: its page is not the one that sent.
  if (!frame || frame.isDestroyed() || frame.detached === true) return { trusted: false, reason: 'frame gone' };
  if (frame.parent !== null) return { trusted: false, reason: 'subframe' };
  if (!isAppUrl(frame.origin) || !isAppUrl(frame.url)) return { trusted: false, reason: 'foreign origin' };
  return { trusted: true };
}
