/**
 * What the desk needs from the hospital information system (HIS), whatever
 * protocol the hospital speaks: find and register patients, open and change
 * the visit's encounter, take queue numbers, read the clinic list, the fee
 * schedule and a visit's payment status.
 *
 * Every write is idempotent on business identifiers (the visit's identifier,
 * the patient's CCCD/BHXH/local number, the change's idempotency key): sending
 * the same call twice leaves the HIS as if it had been sent once. Failures are
 * thrown as `HisError`, which says whether trying again can help.
 */
import type { ClinicId, LocalDay, QueueNumberSource } from '../../domain/checkin/index.ts';
import type { PatientSex } from '../../domain/patient.ts';
import type { HisFailureCode } from '../../domain/sync-api.ts';

// ── Failures ────────────────────────────────────────────────────────────────

/**
 * retryable: the HIS may accept the same call later (down, 5xx, 429, timeout, a conflicting version).
 * permanent: it never will as sent (4xx validation, a malformed answer, a missing record): someone must look.
 */
export type HisFailureKind = 'retryable' | 'permanent';

export { HIS_FAILURE_CODES, type HisFailureCode } from '../../domain/sync-api.ts';

export class HisError extends Error {
  readonly kind: HisFailureKind;
  readonly code: HisFailureCode;
  /** How long the HIS asked us to wait (Retry-After), already corrected for its clock. */
  readonly retryAfterMs: number | undefined;
  readonly status: number | undefined;

  constructor(kind: HisFailureKind, code: HisFailureCode, message: string, options: { retryAfterMs?: number; status?: number } = {}) {
    super(message);
    this.name = 'HisError';
    this.kind = kind;
    this.code = code;
    this.retryAfterMs = options.retryAfterMs;
    this.status = options.status;
  }
}

export function isHisError(value: unknown): value is HisError {
  return value instanceof HisError;
}

// ── Patients ────────────────────────────────────────────────────────────────

/** How the HIS knows a patient: its own id, and the hospital's medical record number when it has one. */
export interface HisPatientRef {
  hisId: string;
  mrn: string | null;
}

export interface HisPatient extends HisPatientRef {
  cccd: string | null;
  bhxhNumber: string | null;
  fullName: string;
  /** "1990", "1990-08" or "1990-08-15". */
  birthDate: string | null;
  sex: PatientSex;
}

/** Look-up by CCCD (12 digits) or BHXH number (10 digits); at least one. */
export interface HisPatientQuery {
  cccd?: string;
  bhxhNumber?: string;
}

export interface HisPatientInput {
  /** The desk's own patient number, scoped by desk: the identifier of last resort. */
  localId: string;
  cccd?: string | undefined;
  bhxhNumber?: string | undefined;
  fullName: string;
  birthDate: string;
  sex: PatientSex;
  address?: string | undefined;
  phone?: string | undefined;
}

// ── Encounters ──────────────────────────────────────────────────────────────

/** The visit's state as the HIS sees it (FHIR Encounter.status). */
export type HisEncounterStatus = 'arrived' | 'in-progress' | 'cancelled';

export interface HisEncounterInput {
  /** Unique across desks and days: the business identifier of the encounter. */
  visitKey: string;
  patient: HisPatientRef;
  clinicId: ClinicId;
  day: LocalDay;
  visitType: 'bhyt' | 'fee-paying' | 'on-demand';
  /** Priority codes in queue order; the first decides the HIS priority. */
  priorities: readonly string[];
  /** As printed: "012" (HIS) or "A-012" (desk). */
  queueNumber: string;
  status: HisEncounterStatus;
  /** When the patient arrived at the desk (ISO instant). */
  arrivedAt: string;
}

export interface HisEncounterRef {
  hisId: string;
  /** The version the HIS holds now (ETag), for the next conditional update. */
  version: string | null;
  status: HisEncounterStatus;
}

export interface HisEncounterUpdate {
  visitKey: string;
  status: HisEncounterStatus;
  /** Why it was cancelled: a code, not free text. */
  reasonCode?: string;
  at: string;
}

// ── Insurance, clinics, fees and payments ───────────────────────────────────

export interface HisCoverageInput {
  visitKey: string;
  patient: HisPatientRef;
  /** The 15-character BHYT card number. */
  cardNumber: string;
  /** Registered facility (nơi ĐKKCB ban đầu), 5 characters. */
  registeredFacility: string | null;
  validFrom: string | null;
  validTo: string | null;
  /** The gateway's result code (maKetQua). */
  checkResult: string;
}

export interface HisClinic {
  id: ClinicId;
  name: string;
  room: string | null;
  serviceCode: string | null;
}

export interface HisFee {
  code: string;
  name: string;
  amountVnd: number;
  clinicId: ClinicId | null;
}

export type HisPaymentState = 'unpaid' | 'partially-paid' | 'paid';

export interface HisPaymentStatus {
  visitKey: string;
  state: HisPaymentState;
  dueVnd: number;
  paidVnd: number;
  /** When the last payment was recorded (ISO instant), if any. */
  lastPaidAt: string | null;
}

export interface HisPaymentInput {
  visitKey: string;
  /** Unique per payment: a retry of the same payment records it once. */
  paymentKey: string;
  amountVnd: number;
  method: 'vietqr' | 'cash';
  /** Bank transaction or receipt reference. */
  reference: string | null;
  at: string;
}

export interface HisPaymentReversal {
  visitKey: string;
  /** The key the payment was recorded under (HisPaymentInput.paymentKey). */
  paymentKey: string;
  at: string;
}

// ── The adapter ─────────────────────────────────────────────────────────────

export interface HisAdapter extends QueueNumberSource {
  /** The patient the HIS holds under this CCCD or BHXH number; null when none. HIS_AMBIGUOUS when several. */
  findPatient(query: HisPatientQuery): Promise<HisPatient | null>;
  /** Creates the patient, or updates the one with the same CCCD/BHXH/local identifier. */
  upsertPatient(patient: HisPatientInput): Promise<HisPatientRef>;
  /** Creates the visit's encounter once; a repeat returns the existing one. */
  createEncounter(encounter: HisEncounterInput): Promise<HisEncounterRef>;
  /** Moves the encounter to a new status with a versioned (If-Match) update; a repeat is a no-op. */
  updateEncounter(update: HisEncounterUpdate): Promise<HisEncounterRef>;
  /** Records the BHYT card the visit is covered by (after the gateway check). */
  recordCoverage(coverage: HisCoverageInput): Promise<void>;
  /** Records a payment taken at the desk, once per payment key. */
  recordPayment(payment: HisPaymentInput): Promise<void>;
  /** Marks a recorded payment as never received (the clerk confirmed it by mistake) with a versioned update; a repeat is a no-op. */
  reversePayment(reversal: HisPaymentReversal): Promise<void>;
  clinics(): Promise<HisClinic[]>;
  feeSchedule(): Promise<HisFee[]>;
  /** What the HIS has booked for the visit, leaving out the payments whose keys are in `ignoring` (ones the desk reversed). */
  paymentStatus(visitKey: string, options?: { ignoring?: readonly string[] }): Promise<HisPaymentStatus>;
  /** A light call that proves the address, the certificate and the credentials work. */
  ping(): Promise<{ server: string; fhirVersion: string | null }>;
}

/** The business key of a visit across desks: a desk's visit ids alone repeat between desks. */
export function visitKeyOf(desk: string, visitId: number): string {
  return `${desk}-${visitId}`;
}

/** The business key of a payment taken at a desk, as the HIS records it (HisPaymentInput.paymentKey). */
export function paymentKeyOf(desk: string, paymentId: number): string {
  return `payment-${desk}-${paymentId}`.replace(/[^A-Za-z0-9._:-]/g, '-').slice(0, 80);
}
