/**
 * The renderer is served from a privileged custom scheme, not file://: file://
 * puts every local file in one origin, while app://tiepdon is an origin of its
 * own that serves only the built renderer, so 'self' in the CSP and the
 * sender and permission checks mean exactly "our bundle".
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'tiepdon';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Standard (real origin, relative URLs), secure (camera needs a secure context), fetch for own assets; no CORS opening. */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const;

/** True for a URL or serialised origin on app://tiepdon, with no port or credentials. */
export function isAppUrl(value: string | undefined | null): boolean {
  if (typeof value !== 'string' || value === '') return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && url.username === '' && url.password === '';
}
