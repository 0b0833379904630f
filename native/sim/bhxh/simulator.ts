/**
 * A BHXH gateway simulator for tests and the demo: a node:http server that
 * follows the documented requests and replies exactly (domain/insurance/wire.ts)
 * and refuses deviations — auth outside the query string, missing or extra
 * body fields, other date formats, expired tokens — with the gateway's codes.
 * Cards, outcomes (any code), latency, outages and malformed replies are set
 * per test.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import {
  CARD_CHECK_AUTH_PARAMS,
  CardCheckRequestSchema,
  EXEMPTION_AUTH_HEADERS,
  ExemptionRequestSchema,
  GATEWAY_WIRE,
  type CardCheckReply,
} from '../../../domain/insurance/wire.ts';
import { normaliseField } from '../../../domain/identity/text.ts';
import { codeOnly, decideCheck, findCard, type SimCard } from './gateway-rules.ts';

export type { SimCard } from './gateway-rules.ts';

/** What goes wrong, for how many requests. */
export type SimFaultKind =
  | 'http-503'
  | 'code-100'
  | 'code-101'
  | 'code-500'
  | 'hang'
  | 'reset'
  | 'html'
  | 'truncated-json'
  | 'missing-code'
  | 'wrong-types'
  | 'token-401';

export interface SimFault {
  kind: SimFaultKind;
  /** Which calls it hits (default all). */
  on?: 'token' | 'check' | 'exemption' | 'all';
  /** How many requests it hits before it clears itself (default: until cleared). */
  times?: number;
}

export interface SimStaff {
  name: string;
  cccd: string;
}

export interface BhxhSimulatorOptions {
  port?: number;
  username?: string;
  /** The account's plain password; requests carry its MD5 hex. */
  password?: string;
  staff?: readonly SimStaff[];
  cards?: readonly SimCard[];
  /** Seconds a token lives, as `expires_in` says. */
  tokenLifetimeS?: number;
  latencyMs?: number;
  cccdAccepted?: boolean;
  /** Which letter case of the password's MD5 the login accepts (sources differ; default either). */
  loginPasswordCase?: 'any' | 'upper' | 'lower';
  /** Today as ISO yyyy-MM-dd (card validity). */
  today?: () => string;
  /** Milliseconds now (token expiry). */
  now?: () => number;
}

export interface SimStats {
  logins: number;
  checks: number;
  exemptions: number;
  /** Answers by call and code, e.g. "check:000", "token:401". */
  codes: Record<string, number>;
}

export interface BhxhSimulator {
  readonly url: string;
  readonly stats: SimStats;
  /** The card check bodies received, newest last (for tests of what the client sends). */
  readonly checkBodies: readonly Record<string, unknown>[];
  setCard(card: SimCard): void;
  setCards(cards: readonly SimCard[]): void;
  setLatency(ms: number): void;
  setFault(fault: SimFault | null): void;
  /** Every token issued so far stops working (the next call answers 401). */
  expireTokens(): void;
  /** Stops listening and drops every connection: callers see "connection refused". */
  goDown(): Promise<void>;
  /** Listens again on the same port. */
  comeBack(): Promise<void>;
  close(): Promise<void>;
}

export const SIM_DEFAULTS = {
  username: '01013_BV',
  password: 'matkhau-mo-phong',
  staff: [{ name: 'Trần Thị Tiếp Đón', cccd: '001190000001' }] as readonly SimStaff[],
  tokenLifetimeS: 600,
} as const;

export function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

interface IssuedToken {
  idToken: string;
  expiresAt: number;
}

const MAX_BODY = 64 * 1024;

function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        resolve(null);
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', () => resolve(null));
  });
}

function mediaType(request: IncomingMessage): string {
  return (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

function vietnamToday(): string {
  return new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
}

export async function startBhxhSimulator(options: BhxhSimulatorOptions = {}): Promise<BhxhSimulator> {
  const username = options.username ?? SIM_DEFAULTS.username;
  const passwordMd5 = md5Hex(options.password ?? SIM_DEFAULTS.password);
  const staff = options.staff ?? SIM_DEFAULTS.staff;
  const tokenLifetimeS = options.tokenLifetimeS ?? SIM_DEFAULTS.tokenLifetimeS;
  const cccdAccepted = options.cccdAccepted ?? GATEWAY_WIRE.cccdAsCardCode;
  const today = options.today ?? vietnamToday;
  const now = options.now ?? Date.now;
  let cards: SimCard[] = [...(options.cards ?? [])];
  let latencyMs = options.latencyMs ?? 0;
  let fault: (SimFault & { left: number }) | null = null;
  const tokens = new Map<string, IssuedToken>();
  const stats: SimStats = { logins: 0, checks: 0, exemptions: 0, codes: {} };
  const checkBodies: Record<string, unknown>[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();

  const count = (call: string, code: string) => {
    const key = `${call}:${code}`;
    stats.codes[key] = (stats.codes[key] ?? 0) + 1;
  };

  const loginCase = options.loginPasswordCase ?? 'any';
  const passwordOk = (md5: string | undefined, cases: 'any' | 'upper' | 'lower') =>
    md5 !== undefined &&
    (cases === 'any' ? md5.toLowerCase() === passwordMd5 : cases === 'upper' ? md5 === passwordMd5.toUpperCase() : md5 === passwordMd5);

  const tokenOk = (token: string | undefined, idToken: string | undefined): boolean => {
    if (!token || !idToken) return false;
    const issued = tokens.get(token);
    return issued !== undefined && issued.idToken === idToken && issued.expiresAt > now();
  };

  const send = (response: ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
    response.end(text);
  };

  /** The fault for this call, if any; counts it down. */
  const takeFault = (call: 'token' | 'check' | 'exemption'): SimFaultKind | null => {
    if (!fault || (fault.on !== undefined && fault.on !== 'all' && fault.on !== call)) return null;
    const kind = fault.kind;
    fault.left -= 1;
    if (fault.left <= 0) fault = null;
    return kind;
  };

  /** Answers with the fault instead of the real reply; false when the fault does not replace the reply. */
  const applyFault = (kind: SimFaultKind, response: ServerResponse, codeKey: 'maKetQua' | 'MaKetQua'): boolean => {
    switch (kind) {
      case 'http-503':
        response.writeHead(503, { 'content-type': 'text/html' });
        response.end('<html><body>Service Unavailable</body></html>');
        return true;
      case 'code-100':
      case 'code-101':
      case 'code-500':
        send(response, 200, { [codeKey]: kind.slice(5), ghiChu: 'Lỗi máy chủ (mô phỏng)' });
        return true;
      case 'hang':
        return true; // never answers; the connection is dropped at close
      case 'reset':
        response.socket?.destroy();
        return true;
      case 'html':
        response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        response.end('<!DOCTYPE html><html><body>Hệ thống đang bảo trì</body></html>');
        return true;
      case 'truncated-json':
        response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
        response.end('{"maKetQua":"000","maThe":"DN40');
        return true;
      case 'missing-code':
        send(response, 200, { ghiChu: 'không có mã kết quả' });
        return true;
      case 'wrong-types':
        send(response, 200, { [codeKey]: ['000'], maThe: 42, APIKey: 'x' });
        return true;
      case 'token-401':
        return false;
    }
  };

  async function handleToken(request: IncomingMessage, response: ServerResponse): Promise<void> {
    stats.logins += 1;
    const kind = takeFault('token');
    if (kind && applyFault(kind, response, 'maKetQua')) return;
    const body = await readBody(request);
    if (body === null || mediaType(request) !== 'application/x-www-form-urlencoded') {
      count('token', '205');
      send(response, 400, { maKetQua: '205', APIKey: null });
      return;
    }
    const form = new URLSearchParams(body);
    const keys = [...form.keys()].sort().join(',');
    if (keys !== 'password,username') {
      count('token', '205');
      send(response, 400, { maKetQua: '205', APIKey: null });
      return;
    }
    if (form.get('username') !== username || !passwordOk(form.get('password') ?? undefined, loginCase)) {
      count('token', '401');
      send(response, 200, { maKetQua: '401', APIKey: null });
      return;
    }
    const accessToken = randomBytes(24).toString('base64url');
    const idToken = randomBytes(24).toString('base64url');
    tokens.set(accessToken, { idToken, expiresAt: now() + tokenLifetimeS * 1000 });
    count('token', '200');
    send(response, 200, {
      maKetQua: '200',
      APIKey: { access_token: accessToken, id_token: idToken, token_type: 'Bearer', username, expires_in: String(tokenLifetimeS) },
    });
  }

  async function handleCheck(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    stats.checks += 1;
    const kind = takeFault('check');
    if (kind && applyFault(kind, response, 'maKetQua')) return;
    const body = await readBody(request);
    const reply = (status: number, answer: CardCheckReply) => {
      count('check', answer.maKetQua);
      send(response, status, answer);
    };
    const query = Object.fromEntries(CARD_CHECK_AUTH_PARAMS.map((name) => [name, url.searchParams.get(name) ?? undefined]));
    const authorised =
      kind !== 'token-401' &&
      query.username === username &&
      passwordOk(query.password, 'any') &&
      tokenOk(query.token, query.id_token);
    if (!authorised) return reply(401, codeOnly('401'));
    if (body === null || mediaType(request) !== 'application/json') return reply(400, codeOnly('205'));
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return reply(400, codeOnly('205'));
    }
    if (json && typeof json === 'object') checkBodies.push(json as Record<string, unknown>);
    const parsed = CardCheckRequestSchema.safeParse(json);
    if (!parsed.success) return reply(400, codeOnly('205'));
    const { maThe, hoTen, ngaySinh, hoTenCb, cccdCb } = parsed.data;
    const officer = staff.find((person) => person.cccd === cccdCb);
    if (!officer) return reply(200, codeOnly('054'));
    if (normaliseField(officer.name).toLocaleLowerCase('vi') !== normaliseField(hoTenCb).toLocaleLowerCase('vi')) return reply(200, codeOnly('055'));
    const decision = decideCheck({ cards, maThe, hoTen, ngaySinh, cccdAccepted, today: today() });
    reply(200, decision.reply);
  }

  async function handleExemption(request: IncomingMessage, response: ServerResponse): Promise<void> {
    stats.exemptions += 1;
    const kind = takeFault('exemption');
    if (kind && applyFault(kind, response, 'MaKetQua')) return;
    const body = await readBody(request);
    const answer = (status: number, code: string, extra: Record<string, unknown> = {}) => {
      count('exemption', code);
      send(response, status, { MaKetQua: code, GhiChu: '', ...extra });
    };
    const header = (name: string) => {
      const value = request.headers[name];
      return typeof value === 'string' ? value : undefined;
    };
    const authorised =
      kind !== 'token-401' &&
      passwordOk(header(EXEMPTION_AUTH_HEADERS.passwordHash), 'upper') &&
      tokenOk(header(EXEMPTION_AUTH_HEADERS.accessToken), header(EXEMPTION_AUTH_HEADERS.tokenId));
    if (!authorised) return answer(401, '401');
    if (body === null || mediaType(request) !== 'application/json') return answer(400, '400');
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      return answer(400, '400');
    }
    const parsed = ExemptionRequestSchema.safeParse(json);
    if (!parsed.success || parsed.data.username !== username) return answer(400, '400');
    const match = findCard(cards, parsed.data.maThe, cccdAccepted);
    if ('code' in match || match.card.coPaymentVnd === undefined) return answer(200, '204', { ThongTinSoThe: null, DataCCT: [] });
    const card = match.card;
    answer(200, '200', {
      ThongTinSoThe: { hoTen: card.fullName, ngaySinh: card.birthDate, ngayKetThuc: card.validTo, maBhxh: card.bhxhNumber ?? card.cardCode.slice(5) },
      DataCCT: [
        {
          Id: 1,
          ngayTraCuu: '',
          maThe: card.cardCode,
          maCskcb: card.facility,
          ngayVao: '',
          ngayRa: '',
          maDoiTuongKCB: '1.1',
          tBNCCTMCCT: 0,
          tBNCCTLuyKe: card.coPaymentVnd,
          ngayNhanCong: '',
          ngayNhan: '',
        },
      ],
    });
  }

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', 'http://sim');
    if (request.method !== 'POST') {
      send(response, 405, { maKetQua: '205' });
      return;
    }
    if (url.pathname === GATEWAY_WIRE.paths.token) return handleToken(request, response);
    if (url.pathname === GATEWAY_WIRE.paths.cardCheck) return handleCheck(request, response, url);
    if (url.pathname === GATEWAY_WIRE.paths.exemption) return handleExemption(request, response);
    send(response, 404, { maKetQua: '404' });
  };

  const server: Server = createServer((request, response) => {
    const run = () => {
      handle(request, response).catch(() => {
        if (!response.headersSent) send(response, 500, { maKetQua: '500' });
      });
    };
    if (latencyMs <= 0) return run();
    const timer = setTimeout(() => {
      timers.delete(timer);
      run();
    }, latencyMs);
    timers.add(timer);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve((server.address() as AddressInfo).port);
      });
    });
  const stopListening = () =>
    new Promise<void>((resolve) => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const socket of sockets) socket.destroy();
      if (!server.listening) return resolve();
      server.close(() => resolve());
    });

  const port = await listen(options.port ?? 0);
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    stats,
    checkBodies,
    setCard(card) {
      cards = [...cards.filter((other) => other.cardCode !== card.cardCode), card];
    },
    setCards(list) {
      cards = [...list];
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    setFault(next) {
      fault = next ? { ...next, left: next.times ?? Number.POSITIVE_INFINITY } : null;
    },
    expireTokens() {
      tokens.clear();
    },
    goDown: stopListening,
    async comeBack() {
      if (!server.listening) await listen(port);
    },
    close: stopListening,
  };
}
