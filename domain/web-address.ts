/**
 * The HIS and the BHXH gateway are sent secrets with every call (the gateway's
 * documented shape even puts its token and the password's MD5 in the query
 * string), so their addresses must be https://. Plain http:// is let through
 * only to this computer itself: tests and the demo's local simulators.
 */

/** 127.0.0.0/8, ::1 and localhost, as the WHATWG URL parser writes a hostname. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** False only for an http:// address to another computer; anything that is not an http(s) address is for other checks to refuse. */
export function isSafeForSecrets(address: string): boolean {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return true;
  }
  return url.protocol !== 'http:' || isLoopbackHost(url.hostname);
}
