import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { VisitBiometricInputSchema, VisitCreateInputSchema } from './visit-api.ts';

describe('visit input', () => {
  it('drops control, direction and invisible characters from the reason and the numbers the patient brings', () => {
    const input = VisitCreateInputSchema.parse({
      patientId: 1,
      visitType: 'bhyt',
      clinicId: 'noi-1',
      reason: ' Đau\u0007 bụng\u202E,\r\nsốt ',
      referralNumber: 'GT\u200B-123',
      appointmentNumber: '\u2066H45\u2069',
    });
    assert.equal(input.reason, 'Đau bụng, sốt');
    assert.equal(input.referralNumber, 'GT-123');
    assert.equal(input.appointmentNumber, 'H45');
  });

  it('does not take hidden characters as the reason for skipping the identity check', () => {
    assert.equal(VisitBiometricInputSchema.safeParse({ visitId: 1, decision: 'skipped', reason: '\u200B\u202E' }).success, false);
  });
});
