/**
 * The BHXH gateway client, over fetch, from main only. A token from
 * /api/token/take (MD5 of the password) is kept until it expires and renewed
 * once when a call answers 401; each call has its own timeout; network errors,
 * timeouts, HTTP 5xx and the codes 100/101/500 are retried with backoff.
 * Nothing of a reply is logged beyond its result code.
 */
import type { InsuranceFailure } from '../../domain/insurance-api.ts';
import {
  CardCheckReplySchema,
  EXEMPTION_AUTH_HEADERS,
  ExemptionReplySchema,
  GATEWAY_WIRE,
  LOGIN_CODES,
  TokenReplySchema,
  tokenLifetimeMs,
  type CardCheckReply,
  type ExemptionReply,
} from '../../domain/insurance/wire.ts';
import { isRetryableCode } from '../../domain/insurance/result-codes.ts';
import { isSafeForSecrets } from '../../domain/web-address.ts';
import type { z } from 'zod';
import { silentLogger, type Logger } from '../log.ts';
import { setTimeout as delay } from 'node:timers/promises';

/** Where and as whom the client logs in. The password is kept only as its MD5 hex. */
export interface GatewayAccount {
  baseUrl: string;
  username: string;
  passwordMd5: string;
  staffName: string;
  staffCccd: string;
}

export interface GatewayTimeouts {
  loginMs: number;
  checkMs: number;
}

export interface RetryPolicy {
  /** Tries per call, the first included. */
  attempts: number;
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseMs: 400, maxMs: 4_000 };

export interface GatewayClientOptions {
  /** Read at every call, so new settings apply at once; null when the gateway is not set up. */
  account: () => GatewayAccount | null | Promise<GatewayAccount | null>;
  timeouts: () => GatewayTimeouts;
  retry?: RetryPolicy;
  fetch?: typeof fetch;
  /** Waits between retries; tests pass one that does not wait. By default a timer that keeps no process alive. */
  sleep?: (ms: number) => Promise<void>;
  /** Aborted when the app closes: a retry wait or a call in flight ends at once with a transient failure. */
  signal?: AbortSignal;
  now?: () => number;
  log?: Logger;
}

/** A call that did not get an answer the client can use. `code` is the gateway's, when it gave one. */
export class GatewayError extends Error {
  readonly kind: InsuranceFailure;
  readonly code: string | null;

  constructor(kind: InsuranceFailure, message: string, code: string | null = null) {
    super(message);
    this.name = 'GatewayError';
    this.kind = kind;
    this.code = code;
  }

  /** Worth asking again later: the gateway or the way to it is down or busy. */
  get transient(): boolean {
    return this.kind === 'timeout' || this.kind === 'network' || this.kind === 'http-error' || this.kind === 'gateway-busy';
  }
}

export interface CardCheckQuery {
  maThe: string;
  hoTen: string;
  ngaySinh: string;
}

export interface GatewayClient {
  /** Logs in afresh (the settings test); the token is kept for later calls. */
  login(): Promise<{ lifetimeMs: number }>;
  checkCard(query: CardCheckQuery): Promise<CardCheckReply>;
  lookupExemption(query: CardCheckQuery): Promise<ExemptionReply>;
  /** Forgets the token (new settings). */
  reset(): void;
}

interface Token {
  key: string;
  accessToken: string;
  idToken: string;
  expiresAt: number;
  /** The password's MD5 in the letter case the gateway accepted. */
  passwordMd5: string;
}

type PasswordCase = (typeof GATEWAY_WIRE.passwordCases)[number];

const wait = (ms: number) => delay(ms, undefined, { ref: false });

export function backoffMs(attempt: number, policy: RetryPolicy): number {
  return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
}

export function createGatewayClient(options: GatewayClientOptions): GatewayClient {
  const doFetch = options.fetch ?? fetch;
  const retry = options.retry ?? DEFAULT_RETRY;
  const sleep = options.sleep ?? wait;
  const now = options.now ?? Date.now;
  const log = options.log ?? silentLogger;
  let token: Token | null = null;
  let loggingIn: Promise<Token> | null = null;
  let acceptedCase: PasswordCase | null = null;
  const closing = () => new GatewayError('network', 'The app is closing');

  /** The wait between retries, cut short when the app closes. */
  async function pause(ms: number): Promise<void> {
    const signal = options.signal;
    if (!signal) return sleep(ms);
    if (signal.aborted) throw closing();
    let onAbort = (): void => {};
    const aborted = new Promise<never>((_resolve, reject) => {
      onAbort = () => reject(closing());
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      await Promise.race([sleep(ms), aborted]);
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  const accountOrThrow = async (): Promise<GatewayAccount> => {
    const account = await options.account();
    if (!account || !account.baseUrl || !account.username || !account.passwordMd5) {
      throw new GatewayError('not-configured', 'The BHXH gateway is not set up (address, account, password)');
    }
    // Settings saved before https was required can still hold an http:// address: the token and password stay home.
    if (!isSafeForSecrets(account.baseUrl)) throw new GatewayError('insecure-address', 'The BHXH gateway address must be https://');
    return account;
  };
  const keyOf = (account: GatewayAccount) => `${account.baseUrl}\n${account.username}\n${account.passwordMd5}`;
  const endpoint = (account: GatewayAccount, path: string) => `${account.baseUrl.replace(/\/+$/, '')}${path}`;
  const withCase = (md5: string, letterCase: PasswordCase) => (letterCase === 'upper' ? md5.toUpperCase() : md5.toLowerCase());

  /** One HTTP exchange: JSON back, typed by the schema, or a GatewayError saying why not. */
  async function exchange<S extends z.ZodType>(url: string, init: RequestInit, timeoutMs: number, schema: S): Promise<{ status: number; body: z.output<S> }> {
    let response: Response;
    let text: string;
    try {
      const timeout = AbortSignal.timeout(timeoutMs);
      response = await doFetch(url, { ...init, signal: options.signal ? AbortSignal.any([timeout, options.signal]) : timeout });
      text = await response.text();
    } catch (error) {
      if (options.signal?.aborted) throw closing();
      const name = error instanceof Error ? error.name : '';
      if (name === 'TimeoutError' || name === 'AbortError') throw new GatewayError('timeout', `No answer within ${timeoutMs} ms`);
      throw new GatewayError('network', 'The gateway cannot be reached');
    }
    if (response.status >= 500) throw new GatewayError('http-error', `HTTP ${response.status}`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new GatewayError(response.ok ? 'malformed' : 'http-error', `HTTP ${response.status}: the reply is not JSON`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw new GatewayError('malformed', `HTTP ${response.status}: the reply does not have the documented shape`);
    return { status: response.status, body: parsed.data };
  }

  /** Runs the call again after transient failures, waiting longer each time. */
  async function withRetry<T>(what: string, call: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await call();
      } catch (error) {
        if (!(error instanceof GatewayError) || !error.transient || attempt >= retry.attempts) throw error;
        log.warn('gateway call failed; retrying', { call: what, failure: error.kind, code: error.code, attempt });
        await pause(backoffMs(attempt, retry));
      }
    }
  }

  async function loginOnce(account: GatewayAccount, letterCase: PasswordCase): Promise<{ code: string; token?: Token }> {
    const passwordMd5 = withCase(account.passwordMd5, letterCase);
    const body = new URLSearchParams({ username: account.username, password: passwordMd5 });
    const { body: reply } = await exchange(
      endpoint(account, GATEWAY_WIRE.paths.token),
      { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() },
      options.timeouts().loginMs,
      TokenReplySchema,
    );
    log.info('gateway login', { code: reply.maKetQua });
    if (reply.maKetQua !== LOGIN_CODES.ok) return { code: reply.maKetQua };
    if (!reply.APIKey) throw new GatewayError('malformed', 'Login succeeded without a token', reply.maKetQua);
    const at = now();
    return {
      code: reply.maKetQua,
      token: {
        key: keyOf(account),
        accessToken: reply.APIKey.access_token,
        idToken: reply.APIKey.id_token,
        expiresAt: at + tokenLifetimeMs(reply.APIKey.expires_in, at),
        passwordMd5,
      },
    };
  }

  /** Logs in: the password's MD5 in upper case first, lower case after a 401 (sources differ). */
  async function freshToken(account: GatewayAccount): Promise<Token> {
    const cases = acceptedCase ? [acceptedCase, ...GATEWAY_WIRE.passwordCases.filter((c) => c !== acceptedCase)] : [...GATEWAY_WIRE.passwordCases];
    let refusal = '401';
    for (const letterCase of cases) {
      const outcome = await withRetry('login', async () => {
        const result = await loginOnce(account, letterCase);
        if ((LOGIN_CODES.retryable as readonly string[]).includes(result.code)) {
          throw new GatewayError('gateway-busy', `Login answered ${result.code}`, result.code);
        }
        return result;
      });
      if (outcome.token) {
        acceptedCase = letterCase;
        return outcome.token;
      }
      refusal = outcome.code;
      if (outcome.code !== '401') break;
    }
    throw new GatewayError('login-refused', `The gateway refused the login (${refusal})`, refusal);
  }

  async function validToken(account: GatewayAccount): Promise<Token> {
    const key = keyOf(account);
    if (token && token.key === key) {
      const margin = Math.min(30_000, (token.expiresAt - now()) / 10);
      if (now() < token.expiresAt - margin) return token;
    }
    loggingIn ??= freshToken(account).finally(() => {
      loggingIn = null;
    });
    token = await loggingIn;
    return token;
  }

  /** A call with a token: on 401 the token is renewed once and the call sent again. */
  async function authorised<T>(what: string, call: (account: GatewayAccount, token: Token) => Promise<{ status: number; code: string; value: T }>): Promise<T> {
    const account = await accountOrThrow();
    for (let renewed = false; ; renewed = true) {
      const current = await validToken(account);
      const outcome = await withRetry(what, async () => {
        const result = await call(account, current);
        if (isRetryableCode(result.code)) throw new GatewayError('gateway-busy', `${what} answered ${result.code}`, result.code);
        return result;
      });
      const unauthorised = outcome.status === 401 || outcome.code === '401';
      if (!unauthorised) return outcome.value;
      if (token === current) token = null;
      if (renewed) throw new GatewayError('login-refused', `${what} refused the new token`, '401');
      log.info('gateway token refused; logging in again', { call: what });
    }
  }

  return {
    async login() {
      const account = await accountOrThrow();
      token = null;
      const fresh = await validToken(account);
      return { lifetimeMs: Math.max(0, fresh.expiresAt - now()) };
    },

    checkCard(query) {
      return authorised('card check', async (account, current) => {
        const url = new URL(endpoint(account, GATEWAY_WIRE.paths.cardCheck));
        url.searchParams.set('token', current.accessToken);
        url.searchParams.set('id_token', current.idToken);
        url.searchParams.set('username', account.username);
        url.searchParams.set('password', current.passwordMd5);
        const body = { maThe: query.maThe, hoTen: query.hoTen, ngaySinh: query.ngaySinh, hoTenCb: account.staffName, cccdCb: account.staffCccd };
        const { status, body: reply } = await exchange(
          url.toString(),
          { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify(body) },
          options.timeouts().checkMs,
          CardCheckReplySchema,
        );
        log.info('card check', { code: reply.maKetQua });
        return { status, code: reply.maKetQua, value: reply };
      });
    },

    lookupExemption(query) {
      return authorised('exemption look-up', async (account, current) => {
        const { status, body: reply } = await exchange(
          endpoint(account, GATEWAY_WIRE.paths.exemption),
          {
            method: 'POST',
            headers: {
              'content-type': 'application/json; charset=utf-8',
              [EXEMPTION_AUTH_HEADERS.accessToken]: current.accessToken,
              [EXEMPTION_AUTH_HEADERS.tokenId]: current.idToken,
              // The MCCT annex shows the hash in upper case.
              [EXEMPTION_AUTH_HEADERS.passwordHash]: account.passwordMd5.toUpperCase(),
            },
            body: JSON.stringify({ username: account.username, maThe: query.maThe, hoTen: query.hoTen, ngaySinh: query.ngaySinh }),
          },
          options.timeouts().checkMs,
          ExemptionReplySchema,
        );
        log.info('exemption look-up', { code: reply.MaKetQua });
        return { status, code: reply.MaKetQua, value: reply };
      });
    },

    reset() {
      token = null;
      acceptedCase = null;
    },
  };
}
