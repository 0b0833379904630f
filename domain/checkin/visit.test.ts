import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canChangeVisitStatus, VISIT_STATUS_TRANSITIONS, VISIT_STATUSES, VisitSchema, type VisitInput } from './visit.ts';

const queued: VisitInput = {
  id: 'V20260301-0001',
  patientId: 'BN0001',
  type: 'bhyt',
  reason: ' Khám\u00a0 định kỳ ',
  clinic: { id: 'K01', name: 'Khám Nội', room: 'P.105' },
  priorities: ['elderly'],
  document: { kind: 'follow-up', number: 'GH-2026-001' },
  status: 'queued',
  desk: 'desk-1',
  queueNumber: { clinicId: 'K01', day: '2026-03-01', sequence: 12, origin: 'local', prefix: 'A', display: 'A-012' },
  biometric: null,
  payment: null,
  cancelReason: null,
  createdAt: '2026-03-01T01:00:00Z',
  updatedAt: '2026-03-01T01:02:00Z',
  statusTimes: { draft: '2026-03-01T01:00:00Z', queued: '2026-03-01T01:02:00Z' },
};

describe('visit model', () => {
  it('accepts a well-formed visit and normalises the reason', () => {
    const visit = VisitSchema.parse(queued);
    assert.equal(visit.reason, 'Khám định kỳ');
  });

  it('refuses visits whose fields contradict the status', () => {
    const bad: [string, Partial<VisitInput>][] = [
      ['queued without number', { queueNumber: null }],
      ['queued without clinic', { clinic: null }],
      ['number of another clinic', { clinic: { id: 'K02', name: 'Nhi', room: null } }],
      ['identified without patient', { patientId: null }],
      ['cancelled without reason', { status: 'cancelled', statusTimes: { cancelled: '2026-03-01T01:02:00Z' } }],
      ['paid without payment', { status: 'paid', statusTimes: { paid: '2026-03-01T01:02:00Z' } }],
      ['repeated priority', { priorities: ['elderly', 'elderly'] }],
      ['no time for the status', { statusTimes: { draft: '2026-03-01T01:00:00Z' } }],
      ['updated before created', { updatedAt: '2026-03-01T00:00:00Z' }],
      ['bad referral facility', { document: { kind: 'referral', number: '1', fromFacility: '79-032' } }],
      ['unknown type', { type: 'vip' as never }],
      ['skipped biometric without reason', { biometric: { decision: 'skipped', reason: null, by: 'u1', at: '2026-03-01T01:00:00Z' } }],
    ];
    for (const [name, change] of bad) assert.equal(VisitSchema.safeParse({ ...queued, ...change }).success, false, name);
  });

  it('status moves are data: nothing leaves completed or cancelled; every status can be cancelled before completion', () => {
    for (const status of VISIT_STATUSES) {
      for (const next of VISIT_STATUS_TRANSITIONS[status]) assert.ok(VISIT_STATUSES.includes(next));
      if (status !== 'completed' && status !== 'cancelled') assert.ok(canChangeVisitStatus(status, 'cancelled'), status);
    }
    assert.deepEqual(VISIT_STATUS_TRANSITIONS.completed, []);
    assert.deepEqual(VISIT_STATUS_TRANSITIONS.cancelled, []);
    assert.equal(canChangeVisitStatus('ticket-printed', 'queued'), false);
  });
});
