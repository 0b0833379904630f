import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { formatVietnamDateTime, parseLocalDay, toEpochMs, toInstant, vietnamDay } from './time.ts';

describe('Vietnam local time', () => {
  it('puts 23:59 and 00:01 local on different days', () => {
    assert.equal(vietnamDay('2026-03-01T16:59:00Z'), '2026-03-01'); // 23:59 local
    assert.equal(vietnamDay('2026-03-01T17:01:00Z'), '2026-03-02'); // 00:01 local
    assert.equal(vietnamDay('2026-03-02T00:01:00+07:00'), '2026-03-02');
    assert.equal(vietnamDay('2026-03-01T23:59:00+07:00'), '2026-03-01');
  });

  it('is not the UTC day', () => {
    assert.equal(vietnamDay('2025-12-31T18:30:00Z'), '2026-01-01');
    assert.equal(formatVietnamDateTime('2025-12-31T18:30:00Z'), '01/01/2026 01:30');
  });

  it('formats dd/MM/yyyy HH:mm', () => {
    assert.equal(formatVietnamDateTime('2026-02-05T01:07:59Z'), '05/02/2026 08:07');
    assert.equal(formatVietnamDateTime(Date.UTC(2024, 1, 29, 10, 0)), '29/02/2024 17:00');
  });

  it('refuses what is not an instant', () => {
    for (const bad of ['', '2026-03-01', '2026-03-01T10:00:00', 'yesterday', '2026-13-01T00:00:00Z']) {
      assert.equal(toEpochMs(bad), null, bad);
      assert.equal(vietnamDay(bad), null, bad);
    }
    assert.equal(toEpochMs(Number.NaN), null);
    assert.equal(toEpochMs(new Date(Number.NaN)), null);
    assert.equal(formatVietnamDateTime(8.64e15 + 1), null);
    assert.equal(toInstant('2026-03-01T08:00:00+07:00'), '2026-03-01T01:00:00.000Z');
  });

  it('parses calendar days only', () => {
    assert.deepEqual(parseLocalDay('2024-02-29'), { year: 2024, month: 2, day: 29 });
    assert.equal(parseLocalDay('2023-02-29'), null);
    assert.equal(parseLocalDay('2023-2-01'), null);
  });

  it('gives the day 7 hours after UTC, for any instant (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2200, 0, 1) }), (ms) => {
        const expected = new Date(ms + 7 * 3600_000).toISOString().slice(0, 10);
        assert.equal(vietnamDay(ms), expected);
        const text = formatVietnamDateTime(ms);
        assert.match(text ?? '', /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
      }),
    );
  });
});
