/**
 * The FHIR adapter's HTTP: node:http/https (a hospital's own CA certificate
 * can be trusted, which fetch cannot do without an extra dependency), keep-alive,
 * a timeout per call, bearer or basic auth, and every failure turned into a
 * HisError that says whether to try again and how long the server asked us to wait.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
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
}

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

/** What an HTTP status means for the call that got it. */
export function failureOfStatus(status: number, headers: IncomingHttpHeaders, now: Date): HisError | undefined {
  if (status >= 200 && status < 300) return undefined;
  const wait = retryAfterMs(headers['retry-after'], headers.date, now);
  const options = { status, ...(wait === undefined ? {} : { retryAfterMs: wait }) };
  if (status === 429) return new HisError('retryable', 'HIS_RATE_LIMITED', 'The HIS asked to slow down (429)', options);
  if (status === 408) return new HisError('retryable', 'HIS_TIMEOUT', 'The HIS timed out the request (408)', options);
  if (status === 409 || status === 412) return new HisError('retryable', 'HIS_VERSION_CONFLICT', `The record changed at the HIS (${status})`, options);
  if (status >= 500) return new HisError('retryable', 'HIS_SERVER_ERROR', `The HIS failed (${status})`, options);
  if (status === 401 || status === 403) return new HisError('permanent', 'HIS_UNAUTHORISED', `The HIS refused the credentials (${status})`, options);
  if (status === 404 || status === 410) return new HisError('permanent', 'HIS_NOT_FOUND', `The HIS has no such record (${status})`, options);
  return new HisError('permanent', 'HIS_REJECTED', `The HIS rejected the request (${status})`, options);
}

export function createFhirHttpClient(options: FhirHttpOptions): FhirHttpClient {
  const base = new URL(options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') throw new HisError('permanent', 'HIS_NOT_CONFIGURED', 'The HIS address must be http(s)');
  const secure = base.protocol === 'https:';
  const agent = secure
    ? new HttpsAgent({ keepAlive: true, maxSockets: 16, ...(options.caPem ? { ca: options.caPem } : {}) })
    : new HttpAgent({ keepAlive: true, maxSockets: 16 });
  const auth = authorization(options.auth);
  const now = options.now ?? (() => new Date());

  return {
    send(method, path, { body, headers = {}, timeoutMs = options.timeoutMs } = {}) {
      const url = new URL(path.replace(/^\//, ''), base);
      const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body), 'utf8');
      return new Promise<FhirReply>((resolve, reject) => {
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
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('error', () => reject(new HisError('retryable', 'HIS_UNREACHABLE', 'The connection to the HIS broke during the answer')));
            response.on('end', () => {
              const status = response.statusCode ?? 0;
              const failure = failureOfStatus(status, response.headers, now());
              if (failure) return reject(failure);
              const text = Buffer.concat(chunks).toString('utf8');
              if (text.trim() === '') return resolve({ status, headers: response.headers, body: undefined });
              try {
                resolve({ status, headers: response.headers, body: JSON.parse(text) as unknown });
              } catch {
                // Writes are idempotent, so a garbled answer is worth asking again.
                reject(new HisError('retryable', 'HIS_MALFORMED_REPLY', 'The HIS answered with malformed JSON', { status }));
              }
            });
          },
        );
        request.setTimeout(timeoutMs, () => request.destroy(new HisError('retryable', 'HIS_TIMEOUT', `The HIS did not answer within ${timeoutMs} ms`)));
        request.on('error', (error: NodeJS.ErrnoException) => {
          if (error instanceof HisError) return reject(error);
          const code = error.code ?? '';
          if (/CERT|VERIFY|SELF_SIGNED|^ERR_TLS/.test(code)) {
            return reject(new HisError('permanent', 'HIS_CERTIFICATE_UNTRUSTED', `The HIS certificate is not trusted (${code}): add the hospital's CA certificate`));
          }
          const retryable = RETRYABLE_NETWORK.has(code) || error.message === 'socket hang up';
          reject(new HisError(retryable ? 'retryable' : 'permanent', 'HIS_UNREACHABLE', `The HIS cannot be reached (${code || error.message})`));
        });
        request.end(payload);
      });
    },
    close() {
      agent.destroy();
    },
  };
}
