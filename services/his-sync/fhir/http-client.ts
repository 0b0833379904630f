/**
 * The FHIR adapter's HTTP: node:http/https (a hospital's own CA certificate
 * can be trusted, which fetch cannot do without an extra dependency), keep-alive,
 * an overall deadline per call (a server trickling bytes still times out), a
 * cap on the answer's size, bearer or basic auth, and every failure turned into
 * a HisError that says whether to try again and how long the server asked us to wait.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isSafeForSecrets } from '../../../domain/web-address.ts';
import { HisError } from '../his-adapter.ts';
import { retryAfterMs } from '../retry-policy.ts';

export type HisAuth = { kind: 'none' } | { kind: 'bearer'; token: string } | { kind: 'basic'; user: string; password: string };

export interface FhirHttpOptions {
  baseUrl: string;
  auth: HisAuth;
  /** PEM certificate(s) of the hospital's CA, trusted in addition to the system's. */
  caPem?: string | undefined;
  timeoutMs: number;
  now?: () => Date;
  /** The largest answer read; a longer one is HIS_MALFORMED_REPLY. */
  maxBodyBytes?: number;
}

/** Far above any answer the desk asks for (a 1 000-fee schedule is ~1 MiB). */
export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;

export interface FhirReply {
  status: number;
  headers: IncomingHttpHeaders;
  /** Parsed JSON, or undefined for an empty body. */
  body: unknown;
}

export interface FhirHttpClient {
  send(method: 'GET' | 'POST' | 'PUT', path: string, options?: { body?: unknown; headers?: Record<string, string>; timeoutMs?: number }): Promise<FhirReply>;
  close(): void;
}

const RETRYABLE_NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOTFOUND', 'ECONNABORTED']);

function authorization(auth: HisAuth): string | undefined {
  if (auth.kind === 'bearer') return `Bearer ${auth.token}`;
  if (auth.kind === 'basic') return `Basic ${Buffer.from(`${auth.user}:${auth.password}`, 'utf8').toString('base64')}`;
  return undefined;
}

/**
 * What an HTTP status means for the call that got it. A 412 answers a
 * precondition: on a versioned update (If-Match) the record changed and a
 * fresh read can succeed; on a conditional create or update (If-None-Exist,
 * PUT by search) the identifier matched several records, which no retry fixes.
 */
export function failureOfStatus(status: number, headers: IncomingHttpHeaders, now: Date, request: { versioned?: boolean } = {}): HisError | undefined {
  if (status >= 200 && status < 300) return undefined;
  const wait = retryAfterMs(headers['retry-after'], headers.date, now);
  const options = { status, ...(wait === undefined ? {} : { retryAfterMs: wait }) };
  if (status === 429) return new HisError('retryable', 'HIS_RATE_LIMITED', 'The HIS asked to slow down (429)', options);
  if (status === 408) return new HisError('retryable', 'HIS_TIMEOUT', 'The HIS timed out the request (408)', options);
  if (status === 412 && !request.versioned) {
    return new HisError('permanent', 'HIS_AMBIGUOUS', 'The HIS holds several records with this identifier (412): merge them at the HIS', options);
  }
  if (status === 409 || status === 412) return new HisError('retryable', 'HIS_VERSION_CONFLICT', `The record changed at the HIS (${status})`, options);
  if (status >= 500) return new HisError('retryable', 'HIS_SERVER_ERROR', `The HIS failed (${status})`, options);
  if (status === 401 || status === 403) return new HisError('permanent', 'HIS_UNAUTHORISED', `The HIS refused the credentials (${status})`, options);
  if (status === 404 || status === 410) return new HisError('permanent', 'HIS_NOT_FOUND', `The HIS has no such record (${status})`, options);
  return new HisError('permanent', 'HIS_REJECTED', `The HIS rejected the request (${status})`, options);
}

export function createFhirHttpClient(options: FhirHttpOptions): FhirHttpClient {
  const base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new HisError('permanent', 'HIS_NOT_CONFIGURED', 'The HIS address must be http(s)');
  // Settings saved before https was required can still hold an http:// address: the credentials stay home.
  if (!isSafeForSecrets(base.href)) throw new HisError('permanent', 'HIS_INSECURE_ADDRESS', 'The HIS address must be https:// (http:// only to this computer)');
  const secure = base.protocol === 'https:';
  const agent = secure
    ? new HttpsAgent({ keepAlive: true, maxSockets: 16, ...(options.caPem ? { ca: options.caPem } : {}) })
    : new HttpAgent({ keepAlive: true, maxSockets: 16 });
  const auth = authorization(options.auth);
  const now = options.now ?? (() => new Date());
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  return {
    send(method, path, { body, headers = {}, timeoutMs = options.timeoutMs } = {}) {
      const url = new URL(path.replace(/^\//, ''), base);
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body), 'utf8');
      const versioned = Object.keys(headers).some((name) => name.toLowerCase() === 'if-match');
      return new Promise<FhirReply>((resolve, reject) => {
        let settled = false;
        let answered = false;
        const settle = (outcome: { reply: FhirReply } | { error: HisError }) => {
          if (settled) return;
          settled = true;
          clearTimeout(deadline);
          if ('error' in outcome) {
            // A complete answer leaves the socket to keep-alive; anything cut short closes it.
            if (!answered) request.destroy();
            reject(outcome.error);
          } else {
            resolve(outcome.reply);
          }
        };
        const fail = (error: HisError) => settle({ error });
        const tooLarge = () => fail(new HisError('permanent', 'HIS_MALFORMED_REPLY', `The HIS answer is larger than ${maxBodyBytes} bytes`));

        const request = (secure ? httpsRequest : httpRequest)(
          url,
          {
            method,
            agent,
            headers: {
              accept: 'application/fhir+json',
              ...(payload ? { 'content-type': 'application/fhir+json; charset=utf-8', 'content-length': String(payload.length) } : {}),
              ...(auth ? { authorization: auth } : {}),
              ...headers,
            },
          },
          (response) => {
            if (Number(response.headers['content-length'] ?? 0) > maxBodyBytes) return tooLarge();
            const chunks: Buffer[] = [];
            let received = 0;
            response.on('data', (chunk: Buffer) => {
              received += chunk.length;
              if (received > maxBodyBytes) return tooLarge();
              chunks.push(chunk);
            });
            response.on('error', () => fail(new HisError('retryable', 'HIS_UNREACHABLE', 'The connection to the HIS broke during the answer')));
            response.on('end', () => {
              answered = true;
              const status = response.statusCode ?? 0;
              const failure = failureOfStatus(status, response.headers, now(), { versioned });
              if (failure) return fail(failure);
              const text = Buffer.concat(chunks).toString('utf8');
              if (text.trim() === '') return settle({ reply: { status, headers: response.headers, body: undefined } });
              try {
                settle({ reply: { status, headers: response.headers, body: JSON.parse(text) as unknown } });
              } catch {
                // Writes are idempotent, so a garbled answer is worth asking again.
                fail(new HisError('retryable', 'HIS_MALFORMED_REPLY', 'The HIS answered with malformed JSON', { status }));
              }
            });
          },
        );
        // The whole call, answer included, not an idle socket: a server sending a byte a second never ends otherwise.
        const deadline = setTimeout(() => fail(new HisError('retryable', 'HIS_TIMEOUT', `The HIS did not answer within ${timeoutMs} ms`)), timeoutMs);
        request.on('error', (error: NodeJS.ErrnoException) => {
          const code = error.code ?? '';
          if (/CERT|VERIFY|SELF_SIGNED|^ERR_TLS/.test(code)) {
            return fail(new HisError('permanent', 'HIS_CERTIFICATE_UNTRUSTED', `The HIS certificate is not trusted (${code}): add the hospital's CA certificate`));
          }
          const retryable = RETRYABLE_NETWORK.has(code) || error.message === 'socket hang up';
          fail(new HisError(retryable ? 'retryable' : 'permanent', 'HIS_UNREACHABLE', `The HIS cannot be reached (${code || error.message})`));
        });
        request.end(payload);
      });
    },
    close() {
      agent.destroy();
    },
  };
}
