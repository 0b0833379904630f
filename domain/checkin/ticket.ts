/**
 * The 80 mm queue ticket as data: lines of text with alignment and size, and a
 * QR code. No printing here: the renderer or the printer driver lays it out.
 * An 80 mm thermal printer fits 48 characters of its normal font per line
 * (576 dots / 12); double-width text fits half as many.
 */
import { normaliseText } from './text.ts';
import { formatVietnamDateTime, type Instant } from './time.ts';
import type { QueueNumber } from './queue-number.ts';
import type { ClinicRef, VisitType } from './visit.ts';

export const TICKET_COLUMNS = 48;

/** How much of the patient's name the ticket shows: it may be left on a chair. */
export const NAME_PRIVACY = ['full-name', 'short-name', 'initials', 'none'] as const;
export type NamePrivacy = (typeof NAME_PRIVACY)[number];

export type TicketAlign = 'left' | 'center' | 'right';
/** normal: 1×; large: double height and width; huge: triple, for the number. */
export type TicketSize = 'normal' | 'large' | 'huge';

export type TicketBlock =
  | { readonly kind: 'text'; readonly text: string; readonly align: TicketAlign; readonly size: TicketSize; readonly bold: boolean }
  | { readonly kind: 'rule' }
  | { readonly kind: 'qr'; readonly payload: string; readonly caption: string };

export interface Ticket {
  readonly columns: number;
  readonly blocks: readonly TicketBlock[];
}

export const TICKET_LABELS = {
  vi: {
    title: 'PHIẾU SỐ THỨ TỰ',
    clinic: 'Phòng khám',
    room: 'Phòng',
    time: 'Thời gian',
    patient: 'Người bệnh',
    priority: 'Ưu tiên',
    clerk: 'Tiếp đón',
    visitType: { bhyt: 'Khám BHYT', 'fee-paying': 'Khám dịch vụ', 'on-demand': 'Khám theo yêu cầu' },
    footer: 'Vui lòng chờ gọi số',
    offline: 'Số tạm tại quầy',
  },
  en: {
    title: 'QUEUE TICKET',
    clinic: 'Clinic',
    room: 'Room',
    time: 'Time',
    patient: 'Patient',
    priority: 'Priority',
    clerk: 'Reception',
    visitType: { bhyt: 'BHYT visit', 'fee-paying': 'Fee-paying visit', 'on-demand': 'On-demand visit' },
    footer: 'Please wait for your number',
    offline: 'Desk number (offline)',
  },
} as const;
export type TicketLanguage = keyof typeof TICKET_LABELS;

/** The QR on the ticket: the visit ID behind a fixed prefix so a scan can tell it from any card. */
export const TICKET_QR_PREFIX = 'TIEPDON:VISIT:';

export function ticketQrPayload(visitId: string): string {
  return `${TICKET_QR_PREFIX}${visitId}`;
}

/** The visit ID of a scanned ticket, or null when the scan is not a ticket. */
export function parseTicketQr(scan: string): string | null {
  const text = typeof scan === 'string' ? scan.trim() : '';
  if (!text.startsWith(TICKET_QR_PREFIX)) return null;
  const id = text.slice(TICKET_QR_PREFIX.length);
  return /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : null;
}

/**
 * The name as the privacy setting allows. Vietnamese names run family, middle,
 * given: "Nguyễn Văn An" → initials "N.V.A.", short name "N.V. An".
 */
export function displayName(fullName: string, privacy: NamePrivacy): string {
  const words = normaliseText(fullName).split(' ').filter((w) => w !== '');
  if (privacy === 'none' || words.length === 0) return '';
  if (privacy === 'full-name') return words.join(' ');
  const initial = (word: string): string => `${(Array.from(word)[0] ?? '').toLocaleUpperCase('vi')}.`;
  if (privacy === 'initials') return words.map(initial).join('');
  const given = words[words.length - 1] ?? '';
  const others = words.slice(0, -1).map(initial).join('');
  return others === '' ? given : `${others} ${given}`;
}

export interface TicketInput {
  readonly visitId: string;
  readonly hospitalName: string;
  readonly queueNumber: QueueNumber;
  readonly clinic: ClinicRef;
  readonly visitType: VisitType;
  /** When the ticket is issued; printed in Vietnam time. */
  readonly issuedAt: Instant | number | Date;
  readonly patientName: string;
  readonly privacy: NamePrivacy;
  /** Ticket labels of the visit's priority groups, in queue order. */
  readonly priorityLabels: readonly string[];
  /** The clerk who issued the number, by name (a desk without clerks prints none). */
  readonly clerkName?: string;
  readonly language?: TicketLanguage;
  readonly columns?: number;
}

export type TicketRefusal = { readonly code: 'INVALID_TIME' | 'INVALID_VISIT_ID'; readonly message: string };

export function buildTicket(input: TicketInput): { ok: true; value: Ticket } | { ok: false; error: TicketRefusal } {
  const time = formatVietnamDateTime(input.issuedAt);
  if (time === null) return { ok: false, error: { code: 'INVALID_TIME', message: 'the issue time is not a valid instant' } };
  const payload = ticketQrPayload(input.visitId);
  if (parseTicketQr(payload) !== input.visitId) {
    return { ok: false, error: { code: 'INVALID_VISIT_ID', message: 'the visit ID cannot go into the ticket QR' } };
  }
  const columns = Math.max(16, Math.min(64, Math.floor(input.columns ?? TICKET_COLUMNS)));
  const labels = TICKET_LABELS[input.language ?? 'vi'];
  const blocks: TicketBlock[] = [];
  const text = (value: string, align: TicketAlign, size: TicketSize = 'normal', bold = false): void => {
    const width = size === 'normal' ? columns : size === 'large' ? Math.floor(columns / 2) : Math.floor(columns / 3);
    for (const line of wrap(normaliseText(value), width)) blocks.push({ kind: 'text', text: line, align, size, bold });
  };

  text(input.hospitalName, 'center', 'normal', true);
  text(labels.title, 'center', 'normal', true);
  blocks.push({ kind: 'rule' });
  text(input.queueNumber.display, 'center', 'huge', true);
  if (input.queueNumber.origin === 'local') text(labels.offline, 'center');
  if (input.priorityLabels.length > 0) text(`${labels.priority}: ${input.priorityLabels.join(', ')}`, 'center', 'normal', true);
  blocks.push({ kind: 'rule' });
  text(input.clinic.name, 'center', 'large', true);
  if (input.clinic.room !== null && normaliseText(input.clinic.room) !== '') text(`${labels.room}: ${input.clinic.room}`, 'center');
  text(labels.visitType[input.visitType], 'center');
  const name = displayName(input.patientName, input.privacy);
  if (name !== '') text(`${labels.patient}: ${name}`, 'left');
  text(`${labels.time}: ${time}`, 'left');
  if (input.clerkName !== undefined && normaliseText(input.clerkName) !== '') text(`${labels.clerk}: ${input.clerkName}`, 'left');
  blocks.push({ kind: 'qr', payload, caption: input.visitId });
  text(labels.footer, 'center');
  return { ok: true, value: { columns, blocks } };
}

/** Splits at spaces to fit the width; a word longer than the width is cut. Counts code points. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ').filter((w) => w !== '')) {
    let rest = Array.from(word);
    while (rest.length > width) {
      if (line !== '') {
        lines.push(line);
        line = '';
      }
      lines.push(rest.slice(0, width).join(''));
      rest = rest.slice(width);
    }
    const piece = rest.join('');
    if (piece === '') continue;
    if (line === '') line = piece;
    else if (Array.from(line).length + 1 + rest.length <= width) line = `${line} ${piece}`;
    else {
      lines.push(line);
      line = piece;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

/** The ticket as plain text, for previews, logs and tests. */
export function ticketToText(ticket: Ticket): string {
  const out: string[] = [];
  for (const block of ticket.blocks) {
    if (block.kind === 'rule') out.push('-'.repeat(ticket.columns));
    else if (block.kind === 'qr') out.push(center(`[QR ${block.caption}]`, ticket.columns));
    else {
      const width = block.size === 'normal' ? ticket.columns : block.size === 'large' ? Math.floor(ticket.columns / 2) : Math.floor(ticket.columns / 3);
      const padded = block.align === 'center' ? center(block.text, width) : block.align === 'right' ? block.text.padStart(width) : block.text;
      out.push(padded.trimEnd());
    }
  }
  return out.join('\n');
}

function center(text: string, width: number): string {
  const length = Array.from(text).length;
  const left = Math.max(0, Math.floor((width - length) / 2));
  return ' '.repeat(left) + text;
}
