import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { buildTicket, displayName, parseTicketQr, ticketQrPayload, ticketToText, wrap, type TicketInput } from './ticket.ts';

const input: TicketInput = {
  visitId: 'V20260301-0001',
  hospitalName: 'Bệnh viện Đa khoa Tỉnh',
  queueNumber: { clinicId: 'K01', day: '2026-03-01', sequence: 12, origin: 'local', prefix: 'A', display: 'A-012' },
  clinic: { id: 'K01', name: 'Khám Nội', room: 'P.105, tầng 1' },
  visitType: 'bhyt',
  issuedAt: '2026-03-01T16:59:00Z',
  patientName: 'Nguyễn Văn An',
  privacy: 'short-name',
  priorityLabels: ['NGƯỜI CAO TUỔI'],
};

describe('ticket content', () => {
  it('has number, clinic, room, local time, short name and the visit QR', () => {
    const result = buildTicket(input);
    assert.ok(result.ok);
    const text = ticketToText(result.value);
    assert.match(text, /A-012/);
    assert.match(text, /Khám Nội/);
    assert.match(text, /Phòng: P\.105, tầng 1/);
    assert.match(text, /Thời gian: 01\/03\/2026 23:59/);
    assert.match(text, /Người bệnh: N\.V\. An/);
    assert.match(text, /Ưu tiên: NGƯỜI CAO TUỔI/);
    assert.match(text, /Số tạm tại quầy/);
    assert.deepEqual(
      result.value.blocks.filter((b) => b.kind === 'qr'),
      [{ kind: 'qr', payload: 'TIEPDON:VISIT:V20260301-0001', caption: 'V20260301-0001' }],
    );
    const number = result.value.blocks.find((b) => b.kind === 'text' && b.text === 'A-012');
    assert.deepEqual(number, { kind: 'text', text: 'A-012', align: 'center', size: 'huge', bold: true });
  });

  it('hides the name by the privacy setting, and speaks English on request', () => {
    const none = buildTicket({ ...input, privacy: 'none', language: 'en', queueNumber: { ...input.queueNumber, origin: 'his', prefix: null, display: '012' } });
    assert.ok(none.ok);
    const text = ticketToText(none.value);
    assert.doesNotMatch(text, /Nguy|Patient/);
    assert.match(text, /QUEUE TICKET/);
    assert.doesNotMatch(text, /offline/);
  });

  it('refuses a bad time or a visit ID the QR cannot carry', () => {
    assert.deepEqual(buildTicket({ ...input, issuedAt: 'now' }).ok, false);
    assert.deepEqual(buildTicket({ ...input, visitId: 'a b' }).ok, false);
  });

  it('names by privacy setting', () => {
    assert.equal(displayName('Nguyễn Văn An', 'initials'), 'N.V.A.');
    assert.equal(displayName('  Nguyễn   Thị  Minh   Khai ', 'short-name'), 'N.T.M. Khai');
    assert.equal(displayName('Đặng', 'short-name'), 'Đặng');
    assert.equal(displayName('đặng văn ơn', 'initials'), 'Đ.V.Ơ.');
    assert.equal(displayName('Nguyễn Văn An', 'full-name'), 'Nguyễn Văn An');
    assert.equal(displayName('', 'initials'), '');
    // decomposed input is composed first
    assert.equal(displayName('Nguye\u0302\u0303n Văn An', 'full-name'), 'Nguyễn Văn An');
  });

  it('the QR round-trips and nothing else reads as a ticket', () => {
    assert.equal(parseTicketQr(ticketQrPayload('V1')), 'V1');
    assert.equal(parseTicketQr('V1'), null);
    assert.equal(parseTicketQr('TIEPDON:VISIT:'), null);
    assert.equal(parseTicketQr('000201010212'), null);
  });
});

describe('wrapping (property)', () => {
  it('keeps every word, in order, within the width', () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-zA-Zàáạễơư0-9]{1,30}$/), { maxLength: 20 }), fc.integer({ min: 4, max: 48 }), (words, width) => {
        const lines = wrap(words.join(' '), width);
        for (const line of lines) assert.ok(Array.from(line).length <= width && line.length > 0);
        assert.equal(lines.join('').replace(/ /g, ''), words.join(''));
      }),
    );
  });

  it('every text line of any ticket fits its size', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), fc.string({ maxLength: 120 }), fc.integer({ min: 16, max: 64 }), (hospital, name, columns) => {
        const result = buildTicket({ ...input, hospitalName: hospital, patientName: name, privacy: 'full-name', columns });
        assert.ok(result.ok);
        for (const block of result.value.blocks) {
          if (block.kind !== 'text') continue;
          const width = block.size === 'normal' ? columns : block.size === 'large' ? Math.floor(columns / 2) : Math.floor(columns / 3);
          assert.ok(Array.from(block.text).length <= width, block.text);
        }
      }),
    );
  });
});
