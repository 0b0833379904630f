import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  checkInvariants,
  defaultCheckinConfig,
  resumeAtTicket,
  runCheckin,
  startCheckin,
  transition,
  visitStatusOf,
  type CheckinConfig,
  type CheckinEvent,
  type CheckinState,
  type IdentifiedPatient,
} from './flow.ts';
import type { QueueNumber } from './queue-number.ts';
import type { Clinic } from './visit.ts';

const CLINICS: Clinic[] = [
  { id: 'K01', name: 'Khám Nội', room: 'P.105', serviceCode: '01.0001', visitTypes: ['bhyt', 'fee-paying'] },
  { id: 'K02', name: 'Khám Nhi', room: 'P.201', serviceCode: null, visitTypes: ['bhyt', 'fee-paying', 'on-demand'] },
  { id: 'YC1', name: 'Khám theo yêu cầu', room: null, serviceCode: null, visitTypes: ['on-demand'] },
];

const config: CheckinConfig = defaultCheckinConfig(CLINICS, { defaultClinicId: 'K01' });

const insured: IdentifiedPatient = {
  id: 'BN0001',
  birthDate: { precision: 'day', year: 1990, month: 8, day: 15 },
  known: true,
  insured: true,
  benefitLevel: '4',
};

function number(clinicId: string, sequence = 12): QueueNumber {
  return { clinicId, day: '2026-03-01', sequence, origin: 'his', prefix: null, display: String(sequence).padStart(3, '0') };
}

const DAY = '2026-03-01';

function apply(state: CheckinState, event: CheckinEvent, cfg: CheckinConfig = config): CheckinState {
  const result = transition(state, event, cfg);
  if (!result.ok) assert.fail(`${event.type} refused: ${result.error.code} ${result.error.message}`);
  assert.deepEqual(checkInvariants(result.state, cfg), []);
  return result.state;
}

function refused(state: CheckinState, event: unknown, cfg: CheckinConfig = config): string {
  const result = transition(state, event, cfg);
  assert.equal(result.ok, false);
  return result.ok ? '' : result.error.code;
}

describe('a returning insured patient', () => {
  it('from card tap to printed ticket takes 3 clerk actions', () => {
    let s = startCheckin(DAY);
    const tap = transition(s, { type: 'identified', patient: insured, via: 'card-tap' }, config);
    assert.ok(tap.ok);
    assert.deepEqual(tap.effects, [{ kind: 'check-insurance', patientId: 'BN0001' }]);
    s = tap.state;
    s = apply(s, { type: 'insurance-checked', patientId: 'BN0001', result: 'valid' });
    assert.equal(s.step, 'clinic');
    assert.equal(s.visitType, 'bhyt');
    assert.deepEqual(s.clinic, { id: 'K01', name: 'Khám Nội', room: 'P.105' });
    assert.equal(visitStatusOf(s), 'clinic-assigned');
    const enter = transition(s, { type: 'confirm' }, config);
    assert.ok(enter.ok);
    assert.deepEqual(enter.effects, [{ kind: 'request-queue-number', clinicId: 'K01' }]);
    s = apply(enter.state, { type: 'queue-number-assigned', number: number('K01') });
    assert.equal(visitStatusOf(s), 'queued');
    const print = transition(s, { type: 'print' }, config);
    assert.ok(print.ok);
    assert.deepEqual(print.effects, [{ kind: 'print-ticket' }]);
    s = apply(print.state, { type: 'ticket-printed' });
    assert.equal(s.clerkActionsToTicket, 3);
    assert.equal(s.step, 'biometric');
    assert.equal(visitStatusOf(s), 'ticket-printed');
  });

  it('takes 2 when the ticket prints by itself, and the gateway being down does not add any', () => {
    const auto = { ...config, autoPrint: true };
    const { state, refusals, effects } = runCheckin(
      DAY,
      [
        { type: 'identified', patient: insured, via: 'card-tap' },
        { type: 'insurance-checked', patientId: 'BN0001', result: 'unavailable' },
        { type: 'confirm' },
        { type: 'queue-number-assigned', number: number('K01') },
        { type: 'ticket-printed' },
      ],
      auto,
    );
    assert.deepEqual(refusals, []);
    assert.equal(state.clerkActionsToTicket, 2);
    assert.equal(state.insurance, 'unchecked');
    assert.deepEqual(state.attention, ['insurance-recheck']);
    assert.ok(effects.some((e) => e.kind === 'print-ticket'));
  });

  it('goes on to the photo check and the co-payment, then done', () => {
    const { state, refusals } = runCheckin(
      DAY,
      [
        { type: 'identified', patient: insured, via: 'card-tap' },
        { type: 'insurance-checked', patientId: 'BN0001', result: 'valid' },
        { type: 'fee-quoted', amountVnd: 6_000 },
        { type: 'confirm' },
        { type: 'queue-number-assigned', number: number('K01') },
        { type: 'print' },
        { type: 'ticket-printed' },
        { type: 'biometric-recorded', decision: 'match', reason: null },
        { type: 'payment-confirmed', method: 'vietqr', reference: 'FT123' },
      ],
      config,
    );
    assert.deepEqual(refusals, []);
    assert.equal(state.step, 'done');
    assert.equal(state.payment, 'paid');
    assert.equal(state.clerkActions, 4);
    assert.equal(visitStatusOf(state), 'completed');
  });

  it('skips payment for a BHYT visit with nothing to co-pay', () => {
    const { state } = runCheckin(
      DAY,
      [
        { type: 'identified', patient: insured, via: 'card-tap' },
        { type: 'insurance-checked', patientId: 'BN0001', result: 'valid' },
        { type: 'confirm' },
        { type: 'queue-number-assigned', number: number('K01') },
        { type: 'print' },
        { type: 'ticket-printed' },
        { type: 'biometric-recorded', decision: 'skipped', reason: 'thẻ không có chip' },
        { type: 'fee-quoted', amountVnd: 0 },
      ],
      config,
    );
    assert.equal(state.step, 'done');
    assert.equal(state.payment, 'not-needed');
  });
});

describe('other paths', () => {
  it('a fee-paying patient pays by VietQR; optional photo check can be passed with Enter', () => {
    const walkIn: IdentifiedPatient = { ...insured, id: 'BN0002', insured: false, benefitLevel: null };
    let s = startCheckin(DAY);
    s = apply(s, { type: 'identified', patient: walkIn, via: 'search' });
    assert.equal(s.step, 'clinic');
    assert.equal(s.visitType, 'fee-paying');
    assert.equal(refused(s, { type: 'visit-type-chosen', visitType: 'bhyt' }), 'NO_INSURANCE_CARD');
    s = apply(s, { type: 'visit-type-chosen', visitType: 'on-demand' });
    assert.equal(s.clinic, null, 'K01 does not take on-demand visits');
    assert.equal(refused(s, { type: 'confirm' }), 'MISSING_CLINIC');
    assert.equal(refused(s, { type: 'clinic-chosen', clinicId: 'K01' }), 'CLINIC_REFUSES_VISIT_TYPE');
    assert.equal(refused(s, { type: 'clinic-chosen', clinicId: 'NOPE' }), 'UNKNOWN_CLINIC');
    s = apply(s, { type: 'clinic-chosen', clinicId: 'YC1' });
    s = apply(s, { type: 'reason-entered', reason: '  đau   đầu ' });
    assert.equal(s.reason, 'đau đầu');
    s = apply(s, { type: 'priorities-chosen', chosen: ['pregnancy'], removed: [] });
    s = apply(s, { type: 'confirm' });
    s = apply(s, { type: 'queue-number-assigned', number: number('YC1', 3) });
    s = apply(s, { type: 'confirm' }); // Enter prints
    s = apply(s, { type: 'ticket-printed' });
    assert.equal(s.step, 'biometric');
    const pass = transition(s, { type: 'confirm' }, config);
    assert.ok(pass.ok);
    assert.equal(pass.state.step, 'payment');
    assert.deepEqual(pass.effects, [{ kind: 'quote-fee', visitType: 'on-demand', clinicId: 'YC1' }]);
    const quoted = transition(pass.state, { type: 'fee-quoted', amountVnd: 300_000 }, config);
    assert.ok(quoted.ok);
    assert.deepEqual(quoted.effects, [{ kind: 'request-payment', method: 'vietqr', amountVnd: 300_000 }]);
    s = apply(quoted.state, { type: 'payment-confirmed', method: 'vietqr', reference: null });
    assert.equal(s.step, 'done');
  });

  it('an invalid card turns the visit fee-paying and flags it', () => {
    const { state } = runCheckin(
      DAY,
      [
        { type: 'identified', patient: insured, via: 'bhyt-qr' },
        { type: 'insurance-checked', patientId: 'BN0001', result: 'invalid' },
      ],
      config,
    );
    assert.equal(state.visitType, 'fee-paying');
    assert.deepEqual(state.attention, ['insurance-invalid']);
  });

  it('proposes the age priority at identification', () => {
    const child: IdentifiedPatient = { ...insured, birthDate: { precision: 'day', year: 2022, month: 5, day: 1 } };
    const { state } = runCheckin(DAY, [{ type: 'identified', patient: child, via: 'card-tap' }], config);
    assert.deepEqual(state.priorities, ['child-under-6']);
    assert.equal(refused(
      { ...state, step: 'clinic', insurance: 'valid', pending: null },
      { type: 'priorities-chosen', chosen: [], removed: ['child-under-6'] },
    ), 'AGE_PRIORITY_LOCKED');
  });

  it('biometric off skips straight to payment', () => {
    const off = { ...config, biometricPolicy: { bhyt: 'off', 'fee-paying': 'off', 'on-demand': 'off' } } as const;
    const { state } = runCheckin(
      DAY,
      [
        { type: 'identified', patient: insured, via: 'card-tap' },
        { type: 'insurance-checked', patientId: 'BN0001', result: 'valid' },
        { type: 'fee-quoted', amountVnd: 0 },
        { type: 'confirm' },
        { type: 'queue-number-assigned', number: number('K01') },
        { type: 'print' },
        { type: 'ticket-printed' },
      ],
      off,
    );
    assert.equal(state.step, 'done');
    assert.equal(state.biometric, null);
  });
});

describe('refusals', () => {
  const atClinic = runCheckin(
    DAY,
    [
      { type: 'identified', patient: insured, via: 'card-tap' },
      { type: 'insurance-checked', patientId: 'BN0001', result: 'valid' },
    ],
    config,
  ).state;

  it('no ticket before a clinic and a number', () => {
    assert.equal(refused(startCheckin(DAY), { type: 'print' }), 'NOT_ALLOWED_IN_STEP');
    assert.equal(refused(atClinic, { type: 'print' }), 'NOT_ALLOWED_IN_STEP');
    const asked = apply(atClinic, { type: 'confirm' });
    assert.equal(refused(asked, { type: 'print' }), 'MISSING_QUEUE_NUMBER');
    assert.equal(refused(asked, { type: 'confirm' }), 'ALREADY_PENDING');
  });

  it('stale or foreign results are refused', () => {
    assert.equal(refused(startCheckin(DAY), { type: 'insurance-checked', patientId: 'BN0001', result: 'valid' }), 'STALE_RESULT');
    const checking = apply(startCheckin(DAY), { type: 'identified', patient: insured, via: 'card-tap' });
    assert.equal(refused(checking, { type: 'insurance-checked', patientId: 'OTHER', result: 'valid' }), 'STALE_RESULT');
    const asked = apply(atClinic, { type: 'confirm' });
    assert.equal(refused(asked, { type: 'queue-number-assigned', number: number('K02') }), 'STALE_RESULT');
    assert.equal(refused(asked, { type: 'ticket-printed' }), 'STALE_RESULT');
  });

  it('malformed events are refused, not thrown', () => {
    for (const bad of [null, 42, 'confirm', {}, { type: 'launch' }, { type: 'identified' }, { type: 'cancel' }]) {
      assert.equal(refused(startCheckin(DAY), bad), 'INVALID_EVENT');
    }
  });

  it('a required photo check cannot be passed with Enter; skipping needs a reason', () => {
    const s = runCheckin(
      DAY,
      [
        { type: 'identified', patient: insured, via: 'card-tap' },
        { type: 'insurance-checked', patientId: 'BN0001', result: 'valid' },
        { type: 'confirm' },
        { type: 'queue-number-assigned', number: number('K01') },
        { type: 'print' },
        { type: 'ticket-printed' },
      ],
      config,
    ).state;
    assert.equal(refused(s, { type: 'confirm' }), 'BIOMETRIC_REQUIRED');
    assert.equal(refused(s, { type: 'biometric-recorded', decision: 'skipped', reason: '  ' }), 'REASON_REQUIRED');
    const noMatch = apply(s, { type: 'biometric-recorded', decision: 'no-match', reason: null });
    assert.ok(noMatch.attention.includes('biometric-no-match'));
  });

  it('cancel needs a reason, and nothing moves after it', () => {
    assert.equal(refused(atClinic, { type: 'cancel', reason: '' }), 'REASON_REQUIRED');
    const cancelled = apply(atClinic, { type: 'cancel', reason: 'bệnh nhân về' });
    assert.equal(visitStatusOf(cancelled), 'cancelled');
    assert.equal(refused(cancelled, { type: 'confirm' }), 'FINISHED');
    assert.equal(refused(cancelled, { type: 'back' }), 'FINISHED');
  });
});

describe('Esc', () => {
  it('goes back one step while nothing has left the desk', () => {
    assert.equal(refused(startCheckin(DAY), { type: 'back' }), 'NOTHING_TO_GO_BACK_TO');
    const clinic = runCheckin(
      DAY,
      [
        { type: 'identified', patient: insured, via: 'card-tap' },
        { type: 'insurance-checked', patientId: 'BN0001', result: 'valid' },
      ],
      config,
    ).state;
    const back = apply(clinic, { type: 'back' });
    assert.equal(back.step, 'identify');
    assert.equal(back.patient, null);
    assert.equal(back.clerkActions, 2, 'Esc is counted');
  });

  it('returns from a failed number request to the clinic, but not once a number is taken', () => {
    let s = runCheckin(
      DAY,
      [
        { type: 'identified', patient: insured, via: 'card-tap' },
        { type: 'insurance-checked', patientId: 'BN0001', result: 'valid' },
        { type: 'confirm' },
      ],
      config,
    ).state;
    assert.equal(refused(s, { type: 'back' }), 'BACK_NOT_SAFE');
    s = apply(s, { type: 'queue-number-failed' });
    assert.deepEqual(s.attention, ['queue-number-failed']);
    const back = apply(s, { type: 'back' });
    assert.equal(back.step, 'clinic');
    s = apply(s, { type: 'confirm' }); // retry
    s = apply(s, { type: 'queue-number-assigned', number: number('K01') });
    assert.deepEqual(s.attention, []);
    assert.equal(refused(s, { type: 'back' }), 'BACK_NOT_SAFE');
  });

  it('a reprint after the ticket is allowed and changes nothing', () => {
    const s = runCheckin(
      DAY,
      [
        { type: 'identified', patient: insured, via: 'card-tap' },
        { type: 'insurance-checked', patientId: 'BN0001', result: 'valid' },
        { type: 'confirm' },
        { type: 'queue-number-assigned', number: number('K01') },
        { type: 'print' },
        { type: 'ticket-printed' },
      ],
      config,
    ).state;
    const again = transition(s, { type: 'print' }, config);
    assert.ok(again.ok);
    assert.deepEqual(again.effects, [{ kind: 'print-ticket' }]);
    assert.equal(again.state.step, 'biometric');
    assert.equal(refused(s, { type: 'back' }), 'BACK_NOT_SAFE');
  });
});

describe('the desk after the queue number', () => {
  const numbered = (cfg: CheckinConfig, birthDate: IdentifiedPatient['birthDate'] = insured.birthDate) =>
    resumeAtTicket(
      {
        visitDay: DAY,
        patient: { ...insured, birthDate },
        identifiedBy: 'card-tap',
        insurance: 'valid',
        visitType: 'bhyt',
        clinic: { id: 'K01', name: 'Khám Nội', room: 'P.105' },
        priorities: [],
        queueNumber: number('K01'),
      },
      cfg,
    );

  it('resumes at the ticket step, printing at once when the desk prints by itself', () => {
    const auto = numbered({ ...config, autoPrint: true });
    assert.ok(auto.ok);
    assert.deepEqual(auto.effects, [{ kind: 'print-ticket' }]);
    assert.equal(auto.state.pending, 'print');
    assert.deepEqual(checkInvariants(auto.state, config), []);
    const byKey = numbered(config);
    assert.ok(byKey.ok);
    assert.deepEqual([byKey.state.step, byKey.state.pending, byKey.effects.length], ['ticket', null, 0]);
  });

  it('goes on to the identity check when the printer fails, and a reprint later clears the flag', () => {
    const start = numbered({ ...config, autoPrint: true });
    assert.ok(start.ok);
    let s = apply(start.state, { type: 'print-failed' });
    assert.equal(s.step, 'biometric');
    assert.deepEqual(s.attention, ['print-failed']);
    const again = transition(s, { type: 'print' }, config);
    assert.ok(again.ok);
    assert.deepEqual(again.effects, [{ kind: 'print-ticket' }]);
    s = apply(again.state, { type: 'ticket-printed' });
    assert.deepEqual([s.step, s.ticketPrinted, s.attention], ['biometric', true, []]);
  });

  it('asks no identity check of a young child when the desk exempts them, and lets the fee wait for later', () => {
    const cfg = { ...config, autoPrint: true, biometricExemptUnderYears: 6 };
    const start = numbered(cfg, { precision: 'day', year: 2023, month: 5, day: 20 });
    assert.ok(start.ok);
    const printed = transition(start.state, { type: 'ticket-printed' }, cfg);
    assert.ok(printed.ok);
    assert.deepEqual(printed.effects, [{ kind: 'quote-fee', visitType: 'bhyt', clinicId: 'K01' }]);
    assert.deepEqual([printed.state.step, printed.state.biometric], ['payment', 'exempt']);
    const later = apply(printed.state, { type: 'payment-deferred' }, cfg);
    assert.deepEqual([later.step, later.payment], ['done', 'later']);
    assert.equal(refused(startCheckin(DAY), { type: 'payment-deferred' }), 'NOT_ALLOWED_IN_STEP');
  });
});
