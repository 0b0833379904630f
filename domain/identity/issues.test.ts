import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiErrorSchema } from '../errors.ts';
import { IDENTITY_WARNINGS, rejected, toApiError, toResult, warning, parsed } from './issues.ts';

describe('identity errors and warnings', () => {
  it('name the field, what was expected and where', () => {
    const result = rejected('cccd-qr', 'FIELD_INVALID', 'dateOfBirth', 'a date as ddMMyyyy', 3);
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.deepEqual(
      { ...result.error, message: undefined },
      { source: 'cccd-qr', code: 'FIELD_INVALID', field: 'dateOfBirth', expected: 'a date as ddMMyyyy', position: 3, message: undefined },
    );
    assert.match(result.error.message, /dateOfBirth \(field 3\).*ddMMyyyy/);
  });

  it('map scans to QR_UNRECOGNISED and typed numbers to BAD_INPUT', () => {
    const qr = rejected('bhyt-qr', 'FIELD_MISSING', 'fullName', 'the name', 1);
    const typed = rejected('cccd-number', 'FIELD_INVALID', 'idNumber', '12 digits');
    assert.ok(!qr.ok && !typed.ok);
    const qrApi = toApiError(qr.error);
    assert.equal(qrApi.code, 'QR_UNRECOGNISED');
    assert.deepEqual(qrApi.detail, { source: 'bhyt-qr', reason: 'FIELD_MISSING', field: 'fullName', expected: 'the name', position: 1 });
    assert.equal(toApiError(typed.error).code, 'BAD_INPUT');
    assert.ok(ApiErrorSchema.safeParse(qrApi).success);
    assert.deepEqual(toResult(parsed(7)), { ok: true, value: 7 });
    assert.equal(toResult(typed).ok, false);
  });

  it('carry whether the clerk must confirm, from the warning table', () => {
    for (const [code, rule] of Object.entries(IDENTITY_WARNINGS)) {
      const w = warning(code as keyof typeof IDENTITY_WARNINGS, 'input');
      assert.equal(w.needsConfirmation, rule.needsConfirmation, code);
      assert.match(w.message, /^input: /);
    }
  });
});
