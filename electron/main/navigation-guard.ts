/**
 * The app is one page: it never navigates, never redirects and never opens
 * windows. Installed on every webContents the app creates.
 */
import type { Logger } from '../../services/log.ts';

interface PreventableEvent {
  preventDefault(): void;
  readonly url?: string;
}

export interface GuardedContents {
  on(event: 'will-navigate' | 'will-redirect' | 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export function denyNavigation(contents: GuardedContents, log: Logger): void {
  const deny = (kind: string) => (event: PreventableEvent) => {
    event.preventDefault();
    log.warn('blocked', { kind, target: originOf(event.url) });
  };
  contents.on('will-navigate', deny('navigation'));
  contents.on('will-redirect', deny('redirect'));
  contents.on('will-attach-webview', deny('webview'));
  contents.setWindowOpenHandler(({ url }) => {
    log.warn('blocked', { kind: 'window.open', target: originOf(url) });
    return { action: 'deny' };
  });
}

/** Only the origin goes to the log: paths and queries may carry patient data. */
function originOf(url: string | undefined): string {
  if (!url) return 'unknown';
  try {
    const parsed = new URL(url);
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : parsed.protocol;
  } catch {
    return 'unparseable';
  }
}
