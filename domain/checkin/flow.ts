/**
 * The check-in flow at the desk as a pure state machine: an event comes in,
 * a new state and the effects to run come out, or a typed refusal. It never
 * throws and never does I/O: the service layer runs the effects (insurance
 * check, queue number, printing, VietQR) and feeds their results back as events.
 *
 *   identify → insurance → clinic → ticket → biometric → payment → done
 *                                                          (any step) → cancelled
 *
 * Clerk actions (key presses, card taps, choices) are counted; results of effects
 * are not. A known insured patient whose card is tapped goes through the insurance
 * check on its own and lands on the clinic step with the default clinic, visit
 * type and age priorities filled in: Enter takes a number, and the ticket prints
 * with a print key (or by itself when autoPrint is on): 3 actions at most.
 */
import { z } from 'zod';
import { BENEFIT_LEVEL_VALUES } from '../identity/bhyt-codes.ts';
import { makePartialDate, type BenefitLevel, type PartialDate } from '../identity/index.ts';
import {
  ageOn,
  choosePriorities,
  PRIORITY_GROUPS,
  priorityGroupsOn,
  proposePriorities,
  sortPriorityCodes,
  type PriorityGroup,
  type PriorityProposal,
} from './priority.ts';
import { QueueNumberSchema, type QueueNumber } from './queue-number.ts';
import { identityCheckFor } from './identity-check-policy.ts';
import { parseLocalDay, type LocalDay } from './time.ts';
import {
  VisitDocumentSchema,
  VisitTypeSchema,
  type Clinic,
  type ClinicRef,
  type VisitDocument,
  type VisitStatus,
  type VisitType,
} from './visit.ts';

// ── Policy as data ──────────────────────────────────────────────────────────

export const BIOMETRIC_REQUIREMENTS = ['required', 'optional', 'off'] as const;
export type BiometricRequirement = (typeof BIOMETRIC_REQUIREMENTS)[number];
export type BiometricPolicy = Readonly<Record<VisitType, BiometricRequirement>>;

/**
 * BHYT visits confirm the card holder against the chip photo (card lending is
 * the fraud the check exists for); paying patients may be checked.
 */
export const DEFAULT_BIOMETRIC_POLICY: BiometricPolicy = { bhyt: 'required', 'fee-paying': 'optional', 'on-demand': 'optional' };

export const BiometricPolicySchema = z.object({
  bhyt: z.enum(BIOMETRIC_REQUIREMENTS),
  'fee-paying': z.enum(BIOMETRIC_REQUIREMENTS),
  'on-demand': z.enum(BIOMETRIC_REQUIREMENTS),
});

export interface CheckinConfig {
  readonly clinics: readonly Clinic[];
  /** The clinic filled in for a new visit when it accepts the visit type. */
  readonly defaultClinicId: string | null;
  readonly biometricPolicy: BiometricPolicy;
  /** Print the ticket as soon as the number arrives, without a key press. */
  readonly autoPrint: boolean;
  readonly priorityGroups: readonly PriorityGroup[];
  /** Children certainly younger than this many years are not asked for the identity check (0: everyone is). */
  readonly biometricExemptUnderYears: number;
}

export function defaultCheckinConfig(clinics: readonly Clinic[], overrides: Partial<CheckinConfig> = {}): CheckinConfig {
  return {
    clinics,
    defaultClinicId: clinics.length === 1 ? (clinics[0]?.id ?? null) : null,
    biometricPolicy: DEFAULT_BIOMETRIC_POLICY,
    autoPrint: false,
    priorityGroups: PRIORITY_GROUPS,
    biometricExemptUnderYears: 0,
    ...overrides,
  };
}

// ── State ───────────────────────────────────────────────────────────────────

export const CHECKIN_STEPS = ['identify', 'insurance', 'clinic', 'ticket', 'biometric', 'payment', 'done', 'cancelled'] as const;
export type CheckinStep = (typeof CHECKIN_STEPS)[number];

export const IDENTIFY_METHODS = ['card-tap', 'cccd-qr', 'bhyt-qr', 'search', 'registration'] as const;
export type IdentifyMethod = (typeof IDENTIFY_METHODS)[number];

export type InsuranceStatus = 'pending' | 'valid' | 'invalid' | 'unchecked' | 'not-applicable';
export type Pending = 'insurance' | 'queue-number' | 'print' | 'fee' | 'payment' | null;
export type Attention = 'insurance-invalid' | 'insurance-recheck' | 'biometric-no-match' | 'queue-number-failed' | 'print-failed';

export interface IdentifiedPatient {
  readonly id: string;
  readonly birthDate: PartialDate | null;
  /** Already in the patient store (not registered just now). */
  readonly known: boolean;
  /** Presented a BHYT card (or an ID the card is looked up by). */
  readonly insured: boolean;
  readonly benefitLevel: BenefitLevel | null;
}

export interface CheckinState {
  readonly step: CheckinStep;
  readonly visitDay: LocalDay;
  readonly patient: IdentifiedPatient | null;
  readonly identifiedBy: IdentifyMethod | null;
  readonly insurance: InsuranceStatus | null;
  readonly visitType: VisitType | null;
  readonly clinic: ClinicRef | null;
  readonly proposals: readonly PriorityProposal[];
  readonly priorities: readonly string[];
  readonly reason: string;
  readonly document: VisitDocument | null;
  readonly queueNumber: QueueNumber | null;
  readonly ticketPrinted: boolean;
  readonly biometric: 'match' | 'no-match' | 'skipped' | 'exempt' | null;
  readonly amountDueVnd: number | null;
  /** later: the patient goes on and pays afterwards (the payment stays waiting). */
  readonly payment: 'not-needed' | 'paid' | 'later' | null;
  readonly pending: Pending;
  readonly attention: readonly Attention[];
  readonly cancelReason: string | null;
  /** Clerk actions accepted so far. */
  readonly clerkActions: number;
  /** Clerk actions it took to have the ticket printed; null before that. */
  readonly clerkActionsToTicket: number | null;
}

export function startCheckin(visitDay: LocalDay): CheckinState {
  return {
    step: 'identify',
    visitDay,
    patient: null,
    identifiedBy: null,
    insurance: null,
    visitType: null,
    clinic: null,
    proposals: [],
    priorities: [],
    reason: '',
    document: null,
    queueNumber: null,
    ticketPrinted: false,
    biometric: null,
    amountDueVnd: null,
    payment: null,
    pending: null,
    attention: [],
    cancelReason: null,
    clerkActions: 0,
    clerkActionsToTicket: null,
  };
}

/** A visit that already holds its queue number, as the desk resumes it at the ticket step. */
export interface NumberedVisit {
  readonly visitDay: LocalDay;
  readonly patient: IdentifiedPatient;
  readonly identifiedBy: IdentifyMethod;
  readonly insurance: Exclude<InsuranceStatus, 'pending'>;
  readonly visitType: VisitType;
  readonly clinic: ClinicRef;
  readonly priorities: readonly string[];
  readonly queueNumber: QueueNumber;
}

/**
 * The check-in of a visit whose number was just issued (or is taken up again):
 * at the ticket step, printing at once when the desk prints by itself. Its
 * invariants hold as if the steps before had run through this machine.
 */
export function resumeAtTicket(visit: NumberedVisit, config: CheckinConfig): Transition {
  const proposals = proposePriorities(visit.patient.birthDate, visit.visitDay, config.priorityGroups);
  const priorities = sortPriorityCodes(
    [...new Set([...visit.priorities, ...proposals.filter((p) => p.certainty === 'certain').map((p) => p.code)])],
    visit.visitDay,
    config.priorityGroups,
  );
  const state: CheckinState = {
    ...startCheckin(visit.visitDay),
    step: 'ticket',
    patient: visit.patient,
    identifiedBy: visit.identifiedBy,
    insurance: visit.insurance,
    visitType: visit.visitType,
    clinic: visit.clinic,
    proposals,
    priorities,
    queueNumber: visit.queueNumber,
    attention: visit.insurance === 'unchecked' ? ['insurance-recheck'] : visit.insurance === 'invalid' ? ['insurance-invalid'] : [],
  };
  if (config.autoPrint) return { ok: true, state: { ...state, pending: 'print' }, effects: [{ kind: 'print-ticket' }] };
  return done(state, {});
}

// ── Events ──────────────────────────────────────────────────────────────────

const PartialDateSchema = z
  .union([
    z.object({ precision: z.literal('day'), year: z.int(), month: z.int(), day: z.int() }),
    z.object({ precision: z.literal('month'), year: z.int(), month: z.int() }),
    z.object({ precision: z.literal('year'), year: z.int() }),
  ])
  .refine((date) => makePartialDate(date) !== null, 'a real (partial) calendar date');

export const IdentifiedPatientSchema = z.object({
  id: z.string().min(1).max(64),
  birthDate: PartialDateSchema.nullable(),
  known: z.boolean(),
  insured: z.boolean(),
  benefitLevel: z.enum(BENEFIT_LEVEL_VALUES as [BenefitLevel, ...BenefitLevel[]]).nullable(),
});

export const CheckinEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('identified'), patient: IdentifiedPatientSchema, via: z.enum(IDENTIFY_METHODS) }),
  z.object({ type: z.literal('insurance-checked'), patientId: z.string(), result: z.enum(['valid', 'invalid', 'unavailable']) }),
  z.object({ type: z.literal('visit-type-chosen'), visitType: VisitTypeSchema }),
  z.object({ type: z.literal('clinic-chosen'), clinicId: z.string() }),
  z.object({ type: z.literal('priorities-chosen'), chosen: z.array(z.string()), removed: z.array(z.string()) }),
  z.object({ type: z.literal('reason-entered'), reason: z.string().max(2000) }),
  z.object({ type: z.literal('document-entered'), document: VisitDocumentSchema.nullable() }),
  z.object({ type: z.literal('confirm') }),
  z.object({ type: z.literal('queue-number-assigned'), number: QueueNumberSchema }),
  z.object({ type: z.literal('queue-number-failed') }),
  z.object({ type: z.literal('print') }),
  z.object({ type: z.literal('ticket-printed') }),
  z.object({ type: z.literal('print-failed') }),
  z.object({
    type: z.literal('biometric-recorded'),
    decision: z.enum(['match', 'no-match', 'skipped']),
    reason: z.string().max(200).nullable(),
  }),
  z.object({ type: z.literal('fee-quoted'), amountVnd: z.int().min(0).max(1_000_000_000) }),
  z.object({ type: z.literal('payment-confirmed'), method: z.enum(['vietqr', 'cash']), reference: z.string().max(64).nullable() }),
  z.object({ type: z.literal('payment-deferred') }),
  z.object({ type: z.literal('back') }),
  z.object({ type: z.literal('cancel'), reason: z.string().max(200) }),
]);
export type CheckinEvent = z.infer<typeof CheckinEventSchema>;
export type CheckinEventType = CheckinEvent['type'];

/** Who sends each event: the clerk (counted) or the system reporting an effect's result. */
export const EVENT_ACTORS: Readonly<Record<CheckinEventType, 'clerk' | 'system'>> = {
  identified: 'clerk',
  'insurance-checked': 'system',
  'visit-type-chosen': 'clerk',
  'clinic-chosen': 'clerk',
  'priorities-chosen': 'clerk',
  'reason-entered': 'clerk',
  'document-entered': 'clerk',
  confirm: 'clerk',
  'queue-number-assigned': 'system',
  'queue-number-failed': 'system',
  print: 'clerk',
  'ticket-printed': 'system',
  'print-failed': 'system',
  'biometric-recorded': 'clerk',
  'fee-quoted': 'system',
  'payment-confirmed': 'system',
  'payment-deferred': 'clerk',
  back: 'clerk',
  cancel: 'clerk',
};

/** A bank transfer is confirmed by the bank; cash is taken by the clerk. */
export function isClerkAction(event: CheckinEvent): boolean {
  if (event.type === 'payment-confirmed') return event.method === 'cash';
  return EVENT_ACTORS[event.type] === 'clerk';
}

// ── Effects and refusals ────────────────────────────────────────────────────

export type CheckinEffect =
  | { readonly kind: 'check-insurance'; readonly patientId: string }
  | { readonly kind: 'request-queue-number'; readonly clinicId: string }
  | { readonly kind: 'print-ticket' }
  | { readonly kind: 'prompt-biometric'; readonly requirement: BiometricRequirement }
  | { readonly kind: 'quote-fee'; readonly visitType: VisitType; readonly clinicId: string }
  | { readonly kind: 'request-payment'; readonly method: 'vietqr'; readonly amountVnd: number };

export const REFUSAL_CODES = [
  'INVALID_EVENT',
  'NOT_ALLOWED_IN_STEP',
  'FINISHED',
  'STALE_RESULT',
  'ALREADY_PENDING',
  'MISSING_VISIT_TYPE',
  'MISSING_CLINIC',
  'MISSING_QUEUE_NUMBER',
  'NO_INSURANCE_CARD',
  'UNKNOWN_CLINIC',
  'CLINIC_REFUSES_VISIT_TYPE',
  'UNKNOWN_PRIORITY',
  'AGE_PRIORITY_LOCKED',
  'BIOMETRIC_REQUIRED',
  'REASON_REQUIRED',
  'NOTHING_TO_PAY',
  'PAYMENT_PENDING',
  'NOTHING_TO_GO_BACK_TO',
  'BACK_NOT_SAFE',
] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

export interface CheckinRefusal {
  readonly code: RefusalCode;
  readonly step: CheckinStep;
  readonly event: string;
  readonly message: string;
}

export type Transition =
  | { readonly ok: true; readonly state: CheckinState; readonly effects: readonly CheckinEffect[] }
  | { readonly ok: false; readonly error: CheckinRefusal };

// ── The machine ─────────────────────────────────────────────────────────────

/** Applies one event. Unknown or malformed events are refused, never thrown. */
export function transition(state: CheckinState, input: unknown, config: CheckinConfig): Transition {
  const parsed = CheckinEventSchema.safeParse(input);
  const eventName =
    typeof input === 'object' && input !== null && typeof (input as { type?: unknown }).type === 'string'
      ? String((input as { type: string }).type)
      : 'unknown';
  if (!parsed.success) return refuse(state, eventName, 'INVALID_EVENT', 'the event is not one the check-in knows');
  const event = parsed.data;
  const result = step(state, event, config);
  if (!result.ok) return result;
  if (!isClerkAction(event)) return result;
  const counted = { ...result.state, clerkActions: result.state.clerkActions + 1 };
  return { ok: true, state: counted, effects: result.effects };
}

function step(state: CheckinState, event: CheckinEvent, config: CheckinConfig): Transition {
  if (state.step === 'done' || state.step === 'cancelled') {
    if (event.type === 'print' && state.step === 'done') return reprint(state);
    return refuse(state, event.type, 'FINISHED', 'this check-in is finished');
  }
  switch (event.type) {
    case 'identified':
      return onIdentified(state, event, config);
    case 'insurance-checked':
      return onInsuranceChecked(state, event, config);
    case 'visit-type-chosen':
      return onVisitType(state, event.visitType, config);
    case 'clinic-chosen':
      return onClinic(state, event.clinicId, config);
    case 'priorities-chosen':
      return onPriorities(state, event, config);
    case 'reason-entered':
      if (state.step !== 'clinic') return notInStep(state, event.type);
      return done(state, { reason: event.reason.normalize('NFC').replace(/\s+/g, ' ').trim().slice(0, 500) });
    case 'document-entered':
      if (state.step !== 'clinic') return notInStep(state, event.type);
      return done(state, { document: event.document });
    case 'confirm':
      return onConfirm(state, config);
    case 'queue-number-assigned':
      return onQueueNumber(state, event.number, config);
    case 'queue-number-failed':
      if (state.step !== 'ticket' || state.pending !== 'queue-number') return staleResult(state, event.type);
      return done(state, { pending: null, attention: flag(state, 'queue-number-failed') });
    case 'print':
      return onPrint(state);
    case 'ticket-printed':
      if (state.step !== 'ticket' || state.pending !== 'print') {
        if (state.ticketPrinted) return done(state, {});
        // A reprint after a failed first try, the check-in already further on.
        if (pastTicket(state)) return done(state, { ticketPrinted: true, clerkActionsToTicket: state.clerkActions, attention: unflag(state, 'print-failed') });
        return staleResult(state, event.type);
      }
      return afterTicket({ ...state, ticketPrinted: true, pending: null, clerkActionsToTicket: state.clerkActions }, config);
    case 'print-failed':
      if (state.step !== 'ticket' || state.pending !== 'print') return pastTicket(state) ? done(state, {}) : staleResult(state, event.type);
      // A printer out of paper must not hold the patient up: the check-in goes on, the ticket can be printed again later.
      return afterTicket({ ...state, pending: null, attention: flag(state, 'print-failed') }, config);
    case 'biometric-recorded':
      return onBiometric(state, event, config);
    case 'fee-quoted':
      return onFee(state, event.amountVnd);
    case 'payment-confirmed':
      if (state.step !== 'payment') return notInStep(state, event.type);
      if (state.amountDueVnd === null || state.amountDueVnd === 0) return refuse(state, event.type, 'NOTHING_TO_PAY', 'no amount is due yet');
      return done(state, { payment: 'paid', pending: null, step: 'done' });
    case 'payment-deferred':
      if (state.step !== 'payment') return notInStep(state, event.type);
      return done(state, { payment: 'later', pending: null, step: 'done' });
    case 'back':
      return onBack(state);
    case 'cancel': {
      const reason = event.reason.normalize('NFC').trim();
      if (reason === '') return refuse(state, event.type, 'REASON_REQUIRED', 'say why the check-in is cancelled');
      return done(state, { step: 'cancelled', cancelReason: reason, pending: null });
    }
  }
}

function onIdentified(
  state: CheckinState,
  event: Extract<CheckinEvent, { type: 'identified' }>,
  config: CheckinConfig,
): Transition {
  if (state.step !== 'identify') return notInStep(state, event.type);
  const { patient } = event;
  const proposals = proposePriorities(patient.birthDate, state.visitDay, config.priorityGroups);
  const priorities = sortPriorityCodes(
    proposals.filter((p) => p.certainty === 'certain').map((p) => p.code),
    state.visitDay,
    config.priorityGroups,
  );
  const identified: CheckinState = { ...state, patient, identifiedBy: event.via, proposals, priorities };
  if (patient.insured) {
    return {
      ok: true,
      state: { ...identified, step: 'insurance', insurance: 'pending', visitType: 'bhyt', pending: 'insurance' },
      effects: [{ kind: 'check-insurance', patientId: patient.id }],
    };
  }
  return done(toClinicStep({ ...identified, insurance: 'not-applicable' }, 'fee-paying', config), {});
}

function onInsuranceChecked(
  state: CheckinState,
  event: Extract<CheckinEvent, { type: 'insurance-checked' }>,
  config: CheckinConfig,
): Transition {
  if (state.step !== 'insurance' || state.patient === null || state.patient.id !== event.patientId) {
    return staleResult(state, event.type);
  }
  switch (event.result) {
    case 'valid':
      return done(toClinicStep({ ...state, insurance: 'valid', pending: null }, 'bhyt', config), {});
    case 'unavailable':
      // NĐ 188/2025 Đ38: when the gateway is down, accept the card and check again later.
      return done(
        toClinicStep({ ...state, insurance: 'unchecked', pending: null, attention: flag(state, 'insurance-recheck') }, 'bhyt', config),
        {},
      );
    case 'invalid':
      return done(
        toClinicStep({ ...state, insurance: 'invalid', pending: null, attention: flag(state, 'insurance-invalid') }, 'fee-paying', config),
        {},
      );
  }
}

/** Lands on the clinic step with the visit type and, when it fits, the default clinic. */
function toClinicStep(state: CheckinState, visitType: VisitType, config: CheckinConfig): CheckinState {
  const keep = state.clinic !== null && acceptsType(config, state.clinic.id, visitType);
  const fallback = config.defaultClinicId !== null && acceptsType(config, config.defaultClinicId, visitType) ? clinicRef(config, config.defaultClinicId) : null;
  return { ...state, step: 'clinic', visitType, clinic: keep ? state.clinic : fallback };
}

function onVisitType(state: CheckinState, visitType: VisitType, config: CheckinConfig): Transition {
  if (state.step !== 'clinic') return notInStep(state, 'visit-type-chosen');
  if (visitType === 'bhyt' && (state.insurance === 'not-applicable' || state.insurance === 'invalid')) {
    return refuse(state, 'visit-type-chosen', 'NO_INSURANCE_CARD', 'no valid BHYT card was presented for this visit');
  }
  return done(toClinicStep(state, visitType, config), {});
}

function onClinic(state: CheckinState, clinicId: string, config: CheckinConfig): Transition {
  if (state.step !== 'clinic') return notInStep(state, 'clinic-chosen');
  const clinic = config.clinics.find((c) => c.id === clinicId);
  if (clinic === undefined) return refuse(state, 'clinic-chosen', 'UNKNOWN_CLINIC', `no clinic ${clinicId} in the settings`);
  if (state.visitType !== null && !clinic.visitTypes.includes(state.visitType)) {
    return refuse(state, 'clinic-chosen', 'CLINIC_REFUSES_VISIT_TYPE', `${clinic.name} does not take ${state.visitType} visits`);
  }
  return done(state, { clinic: { id: clinic.id, name: clinic.name, room: clinic.room } });
}

function onPriorities(
  state: CheckinState,
  event: Extract<CheckinEvent, { type: 'priorities-chosen' }>,
  config: CheckinConfig,
): Transition {
  if (state.step !== 'clinic') return notInStep(state, event.type);
  const chosen = choosePriorities({
    proposals: state.proposals,
    chosen: event.chosen,
    removed: event.removed,
    visitDay: state.visitDay,
    groups: config.priorityGroups,
  });
  if (!chosen.ok) {
    return refuse(state, event.type, chosen.error.code, `priority ${chosen.error.priority} cannot be chosen or removed here`);
  }
  return done(state, { priorities: chosen.value });
}

function onConfirm(state: CheckinState, config: CheckinConfig): Transition {
  switch (state.step) {
    case 'clinic':
      if (state.visitType === null) return refuse(state, 'confirm', 'MISSING_VISIT_TYPE', 'choose the visit type');
      if (state.clinic === null) return refuse(state, 'confirm', 'MISSING_CLINIC', 'choose a clinic');
      return {
        ok: true,
        state: { ...state, step: 'ticket', pending: 'queue-number' },
        effects: [{ kind: 'request-queue-number', clinicId: state.clinic.id }],
      };
    case 'ticket':
      if (state.pending !== null) return refuse(state, 'confirm', 'ALREADY_PENDING', `waiting for ${state.pending}`);
      if (state.queueNumber === null && state.clinic !== null) {
        return {
          ok: true,
          state: { ...state, pending: 'queue-number' },
          effects: [{ kind: 'request-queue-number', clinicId: state.clinic.id }],
        };
      }
      return onPrint(state);
    case 'biometric':
      if (identityCheckOf(state, config).requirement === 'required') {
        return refuse(state, 'confirm', 'BIOMETRIC_REQUIRED', 'record match, no match, or skipped with a reason');
      }
      return enterPayment(state);
    case 'payment':
      return refuse(state, 'confirm', 'PAYMENT_PENDING', 'waiting for the payment');
    default:
      return notInStep(state, 'confirm');
  }
}

function onQueueNumber(state: CheckinState, number: QueueNumber, config: CheckinConfig): Transition {
  if (state.step !== 'ticket' || state.pending !== 'queue-number' || state.clinic?.id !== number.clinicId) {
    return staleResult(state, 'queue-number-assigned');
  }
  const numbered: CheckinState = { ...state, queueNumber: number, attention: unflag(state, 'queue-number-failed') };
  if (config.autoPrint) return { ok: true, state: { ...numbered, pending: 'print' }, effects: [{ kind: 'print-ticket' }] };
  return done(numbered, { pending: null });
}

function onPrint(state: CheckinState): Transition {
  if (state.ticketPrinted || pastTicket(state)) return reprint(state);
  if (state.step !== 'ticket') return notInStep(state, 'print');
  if (state.queueNumber === null) return refuse(state, 'print', 'MISSING_QUEUE_NUMBER', 'a ticket needs a queue number first');
  if (state.pending !== null) return refuse(state, 'print', 'ALREADY_PENDING', `waiting for ${state.pending}`);
  return {
    ok: true,
    state: { ...state, pending: 'print', attention: unflag(state, 'print-failed') },
    effects: [{ kind: 'print-ticket' }],
  };
}

function reprint(state: CheckinState): Transition {
  return { ok: true, state, effects: [{ kind: 'print-ticket' }] };
}

function afterTicket(state: CheckinState, config: CheckinConfig): Transition {
  const { requirement, exemption } = identityCheckOf(state, config);
  if (requirement !== 'off') {
    return { ok: true, state: { ...state, step: 'biometric' }, effects: [{ kind: 'prompt-biometric', requirement }] };
  }
  return enterPayment(exemption === null ? state : { ...state, biometric: 'exempt' });
}

/** The identity check this check-in asks for: the visit type's policy, young children exempt. */
export function identityCheckOf(state: CheckinState, config: CheckinConfig): ReturnType<typeof identityCheckFor> {
  const birthDate = state.patient?.birthDate ?? null;
  const age = birthDate === null ? null : ageOn(birthDate, state.visitDay);
  return identityCheckFor(config.biometricPolicy[state.visitType ?? 'bhyt'], config.biometricExemptUnderYears, age);
}

function pastTicket(state: CheckinState): boolean {
  return state.step === 'biometric' || state.step === 'payment' || state.step === 'done';
}

function onBiometric(
  state: CheckinState,
  event: Extract<CheckinEvent, { type: 'biometric-recorded' }>,
  _config: CheckinConfig,
): Transition {
  if (state.step !== 'biometric') return notInStep(state, event.type);
  const reason = event.reason?.trim() ?? '';
  if (event.decision === 'skipped' && reason === '') {
    return refuse(state, event.type, 'REASON_REQUIRED', 'say why the photo check is skipped');
  }
  const attention = event.decision === 'no-match' ? flag(state, 'biometric-no-match') : state.attention;
  return enterPayment({ ...state, biometric: event.decision, attention });
}

/**
 * Fee-paying and on-demand visits pay by VietQR; a BHYT visit pays only its
 * co-payment, if any. The amount comes from the fee table or the HIS (fee-quoted).
 */
function enterPayment(state: CheckinState): Transition {
  const at: CheckinState = { ...state, step: 'payment' };
  if (state.amountDueVnd === 0) return done(at, { step: 'done', payment: 'not-needed', pending: null });
  if (state.amountDueVnd !== null) {
    return {
      ok: true,
      state: { ...at, pending: 'payment' },
      effects: [{ kind: 'request-payment', method: 'vietqr', amountVnd: state.amountDueVnd }],
    };
  }
  const clinicId = state.clinic?.id ?? '';
  return {
    ok: true,
    state: { ...at, pending: 'fee' },
    effects: [{ kind: 'quote-fee', visitType: state.visitType ?? 'fee-paying', clinicId }],
  };
}

function onFee(state: CheckinState, amountVnd: number): Transition {
  if (state.step === 'payment') {
    if (state.pending !== 'fee') return staleResult(state, 'fee-quoted');
    return enterPayment({ ...state, amountDueVnd: amountVnd, pending: null });
  }
  return done(state, { amountDueVnd: amountVnd });
}

/** Esc: one step back where nothing has left the desk yet (no number taken, no ticket printed). */
function onBack(state: CheckinState): Transition {
  switch (state.step) {
    case 'identify':
      return refuse(state, 'back', 'NOTHING_TO_GO_BACK_TO', 'this is the first step');
    case 'insurance':
    case 'clinic':
      return done(
        { ...startCheckin(state.visitDay), clerkActions: state.clerkActions, amountDueVnd: null },
        {},
      );
    case 'ticket':
      if (state.queueNumber !== null || state.pending !== null) {
        return refuse(state, 'back', 'BACK_NOT_SAFE', 'a queue number has been requested: cancel the visit instead');
      }
      return done(state, { step: 'clinic' });
    default:
      return refuse(state, 'back', 'BACK_NOT_SAFE', 'the ticket is printed: cancel the visit instead');
  }
}

// ── Helpers ─────────────────────────────────────────────────────────────────

function done(state: CheckinState, changes: Partial<CheckinState>): Transition {
  return { ok: true, state: { ...state, ...changes }, effects: [] };
}

function refuse(state: CheckinState, event: string, code: RefusalCode, message: string): Transition {
  return { ok: false, error: { code, step: state.step, event, message } };
}

function notInStep(state: CheckinState, event: string): Transition {
  return refuse(state, event, 'NOT_ALLOWED_IN_STEP', `${event} is not possible at the ${state.step} step`);
}

function staleResult(state: CheckinState, event: string): Transition {
  return refuse(state, event, 'STALE_RESULT', `${event} does not answer anything this check-in is waiting for`);
}

function flag(state: CheckinState, attention: Attention): Attention[] {
  return state.attention.includes(attention) ? [...state.attention] : [...state.attention, attention];
}

function unflag(state: CheckinState, attention: Attention): Attention[] {
  return state.attention.filter((a) => a !== attention);
}

function acceptsType(config: CheckinConfig, clinicId: string, visitType: VisitType): boolean {
  return config.clinics.some((c) => c.id === clinicId && c.visitTypes.includes(visitType));
}

function clinicRef(config: CheckinConfig, clinicId: string): ClinicRef | null {
  const clinic = config.clinics.find((c) => c.id === clinicId);
  return clinic === undefined ? null : { id: clinic.id, name: clinic.name, room: clinic.room };
}

// ── Reading the state ───────────────────────────────────────────────────────

/** The stored visit status that the flow state stands for. */
export function visitStatusOf(state: CheckinState): VisitStatus {
  switch (state.step) {
    case 'identify':
      return 'draft';
    case 'insurance':
      return 'identified';
    case 'clinic':
      return state.clinic === null ? 'identified' : 'clinic-assigned';
    case 'ticket':
      return state.queueNumber === null ? 'clinic-assigned' : 'queued';
    case 'biometric':
      return 'ticket-printed';
    case 'payment':
      return state.biometric === null ? 'ticket-printed' : 'biometric-done';
    case 'done':
      return 'completed';
    case 'cancelled':
      return 'cancelled';
  }
}

/** What must hold in every state the machine can reach; empty when all holds. */
export function checkInvariants(state: CheckinState, config: CheckinConfig): string[] {
  const broken: string[] = [];
  const index = CHECKIN_STEPS.indexOf(state.step);
  const atOrAfter = (step: CheckinStep): boolean => state.step !== 'cancelled' && index >= CHECKIN_STEPS.indexOf(step);
  if (index < 0) broken.push('unknown step');
  if (parseLocalDay(state.visitDay) === null) broken.push('visit day is not a calendar day');
  if (state.step === 'identify' && state.patient !== null) broken.push('identify step with a patient');
  if (atOrAfter('insurance') && state.patient === null) broken.push('no patient after identify');
  if (state.step === 'insurance' && state.pending !== 'insurance') broken.push('insurance step not waiting for the check');
  if (atOrAfter('clinic') && (state.insurance === null || state.insurance === 'pending')) broken.push('insurance unresolved');
  if (atOrAfter('clinic') && state.visitType === null) broken.push('no visit type after insurance');
  if (state.visitType === 'bhyt' && atOrAfter('clinic') && !['valid', 'unchecked'].includes(state.insurance ?? '')) {
    broken.push('BHYT visit without a card');
  }
  if (atOrAfter('ticket') && state.clinic === null) broken.push('no clinic at the ticket step');
  if (state.clinic !== null && state.visitType !== null && !acceptsType(config, state.clinic.id, state.visitType)) {
    broken.push('clinic does not take the visit type');
  }
  if (state.queueNumber !== null && state.queueNumber.clinicId !== state.clinic?.id) broken.push('number of another clinic');
  if (state.queueNumber !== null && !atOrAfter('ticket') && state.step !== 'cancelled') broken.push('number before the ticket step');
  if (state.ticketPrinted && state.queueNumber === null) broken.push('ticket without a number');
  if (atOrAfter('biometric') && !state.ticketPrinted && !state.attention.includes('print-failed')) broken.push('past the ticket without printing it');
  if (state.ticketPrinted && state.attention.includes('print-failed')) broken.push('printed but flagged as failed');
  if (state.clerkActionsToTicket !== null && state.clerkActionsToTicket > state.clerkActions) broken.push('ticket count too high');
  if (state.ticketPrinted !== (state.clerkActionsToTicket !== null)) broken.push('ticket count missing');
  const { requirement, exemption } = identityCheckOf(state, config);
  if (atOrAfter('payment') && requirement === 'required' && state.biometric === null) broken.push('required photo check missing');
  if (atOrAfter('payment') && requirement === 'off' && state.biometric !== (exemption === null ? null : 'exempt')) broken.push('photo check when off');
  if (state.step === 'done' && state.payment === null) broken.push('done without payment settled');
  if (state.payment === 'paid' && !(state.amountDueVnd !== null && state.amountDueVnd > 0)) broken.push('paid nothing');
  if (state.payment === 'not-needed' && state.amountDueVnd !== 0) broken.push('payment waived with an amount');
  if (state.step === 'cancelled' && (state.cancelReason === null || state.cancelReason === '')) broken.push('cancelled without reason');
  if (state.step !== 'cancelled' && state.cancelReason !== null) broken.push('reason without cancel');
  const inForce = new Set(priorityGroupsOn(state.visitDay, config.priorityGroups).map((g) => g.code));
  if (state.priorities.some((p) => !inForce.has(p))) broken.push('priority not in force');
  const sorted = sortPriorityCodes(state.priorities, state.visitDay, config.priorityGroups);
  if (sorted.join(',') !== state.priorities.join(',')) broken.push('priorities out of order or repeated');
  for (const p of state.proposals) {
    if (p.certainty === 'certain' && !state.priorities.includes(p.code)) broken.push(`certain priority ${p.code} dropped`);
  }
  if (!Number.isInteger(state.clerkActions) || state.clerkActions < 0) broken.push('bad action count');
  if (state.pending === 'insurance' && state.step !== 'insurance') broken.push('insurance pending elsewhere');
  if ((state.pending === 'queue-number' || state.pending === 'print') && state.step !== 'ticket') broken.push('ticket work pending elsewhere');
  if ((state.pending === 'fee' || state.pending === 'payment') && state.step !== 'payment') broken.push('payment pending elsewhere');
  return broken;
}

/** Runs events from the start; refused events leave the state as it was. */
export function runCheckin(
  visitDay: LocalDay,
  events: readonly unknown[],
  config: CheckinConfig,
): { state: CheckinState; effects: CheckinEffect[]; refusals: CheckinRefusal[] } {
  let state = startCheckin(visitDay);
  const effects: CheckinEffect[] = [];
  const refusals: CheckinRefusal[] = [];
  for (const event of events) {
    const result = transition(state, event, config);
    if (result.ok) {
      state = result.state;
      effects.push(...result.effects);
    } else refusals.push(result.error);
  }
  return { state, effects, refusals };
}
