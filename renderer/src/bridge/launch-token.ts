/**
 * The per-launch token of browser mode arrives in the URL fragment (`#token=…`),
 * which browsers never send to a server. It is taken out of the address bar at
 * once, and kept in this tab's session storage so that a reload (F5) can
 * reconnect; it dies with the tab and is worthless after the server exits.
 */
const STORAGE_KEY = 'tiepdon.bridgeToken';
const TOKEN_PATTERN = /^[0-9a-f]{16,256}$/i;

export interface LocationLike {
  readonly hash: string;
  readonly pathname: string;
  readonly search: string;
}

export interface HistoryLike {
  readonly state: unknown;
  replaceState(data: unknown, unused: string, url?: string): void;
}

export interface StorageLike {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export function takeLaunchToken(location: LocationLike, history: HistoryLike, storage: StorageLike | undefined): string | undefined {
  const fromFragment = new URLSearchParams(location.hash.replace(/^#/, '')).get('token');
  if (fromFragment !== null) {
    history.replaceState(history.state, '', `${location.pathname}${location.search}`);
    if (TOKEN_PATTERN.test(fromFragment)) {
      tryStore(storage, fromFragment);
      return fromFragment;
    }
  }
  const stored = tryRead(storage);
  return stored !== undefined && TOKEN_PATTERN.test(stored) ? stored : undefined;
}

function tryStore(storage: StorageLike | undefined, token: string): void {
  try {
    storage?.setItem(STORAGE_KEY, token);
  } catch {
    // Storage may be disabled; the token then lasts until the page is reloaded.
  }
}

function tryRead(storage: StorageLike | undefined): string | undefined {
  try {
    return storage?.getItem(STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}
