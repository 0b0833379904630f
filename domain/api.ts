/**
 * The API contract: everything the renderer may ask for and every event it may
 * hear. Electron IPC and the browser-mode WebSocket both carry exactly this.
 */
import { z } from 'zod';
import {
  CardInsertedSchema,
  CardProgressSchema,
  CardReadInputSchema,
  CardReadResultSchema,
  CardResultEventSchema,
} from './card.ts';
import { AdminSetPinInputSchema, AdminStatusSchema, AdminUnlockInputSchema } from './admin-api.ts';
import { ClerkSettingsInputSchema, ClerkSettingsViewSchema, ClerkSignInInputSchema, ClerkSignOutInputSchema, ClerkStatusSchema } from './clerk-api.ts';
import { DiagnosticsExportSchema, DiagnosticsSchema } from './diagnostics-api.ts';
import { UpdateSettingsSchema } from './update-api.ts';
import {
  DemoInsertCardInputSchema,
  DemoScanInputSchema,
  DemoSettingsSchema,
  DemoSettingsViewSchema,
  DemoStatusSchema,
} from './demo-api.ts';
import { AppError, ErrorCodeSchema } from './errors.ts';
import {
  InsuranceCheckInputSchema,
  InsuranceCheckOrNoneSchema,
  InsuranceCheckViewSchema,
  InsuranceForPatientInputSchema,
  InsuranceForVisitInputSchema,
  InsuranceResultEventSchema,
  InsuranceSettingsInputSchema,
  InsuranceSettingsViewSchema,
  InsuranceTestInputSchema,
  InsuranceTestResultSchema,
} from './insurance-api.ts';
import {
  PatientGetInputSchema,
  PatientSaveInputSchema,
  PatientSaveResultSchema,
  PatientSchema,
  PatientSearchInputSchema,
  PatientSearchResultSchema,
} from './patient.ts';
import { ResultEnvelopeSchema, type Result } from './result.ts';
import {
  ClinicListSchema,
  VisitBiometricInputSchema,
  VisitCreateInputSchema,
  VisitCreateResultSchema,
  VisitsTodayInputSchema,
  VisitsTodayResultSchema,
  BiometricPromptSchema,
  DeskSettingsSchema,
  RetentionSettingsSchema,
  TicketPrintedInputSchema,
  TicketPrintInputSchema,
  TicketPrintedResultSchema,
  VisitRefInputSchema,
  VisitViewSchema,
} from './visit-api.ts';
import { FacilitySettingsSchema, VisitExportXml0InputSchema, VisitExportXml0ResultSchema } from './xml130-api.ts';
import {
  HisSettingsInputSchema,
  HisSettingsViewSchema,
  HisTestInputSchema,
  HisTestResultSchema,
  SyncAttentionInputSchema,
  SyncAttentionResultSchema,
  SyncRetryInputSchema,
  SyncRetryResultSchema,
  SyncStatusSchema,
  VisitCancelInputSchema,
  VisitCancelResultSchema,
} from './sync-api.ts';
import {
  PaymentCancelInputSchema,
  PaymentConfirmInputSchema,
  PaymentReopenInputSchema,
  PaymentSettingsSchema,
  PaymentViewSchema,
  PaymentVisitInputSchema,
} from './payment-api.ts';
import {
  HidDeviceInfoSchema,
  ScanEventSchema,
  ScanSourceKindSchema,
  ScannerSettingsSchema,
  ScannerStatusSchema,
  ScanSubmitInputSchema,
  ScanTestInputSchema,
  ScanTestResultSchema,
  SerialPortInfoSchema,
} from './scan.ts';

const NoInput = z.object({}).strict();

export const DeviceHostStateSchema = z.enum(['starting', 'running', 'restarting', 'stopped']);
export type DeviceHostState = z.infer<typeof DeviceHostStateSchema>;

export const ReaderInfoSchema = z.object({
  name: z.string(),
  cardPresent: z.boolean(),
  /** Answer-to-reset as upper-case hex, when a card is present. Not personal data. */
  atr: z.string().regex(/^[0-9A-F]*$/).optional(),
});
export type ReaderInfo = z.infer<typeof ReaderInfoSchema>;

export const DevicesSnapshotSchema = z.object({
  host: z.object({
    state: DeviceHostStateSchema,
    restarts: z.number().int().nonnegative(),
    pid: z.number().int().optional(),
    lastExit: z.string().optional(),
  }),
  pcsc: z.object({
    state: z.enum(['available', 'unavailable', 'unknown']),
    message: z.string().optional(),
  }),
  readers: z.array(ReaderInfoSchema),
  /** Serial ports the system lists (pseudo-terminals never appear). Absent from older peers, hence the defaults. */
  serialPorts: z.array(SerialPortInfoSchema).default([]),
  hidDevices: z.array(HidDeviceInfoSchema).default([]),
  /** The configured serial and HID scanners and whether each is connected. */
  scanners: z.array(ScannerStatusSchema).default([]),
});
export type DevicesSnapshot = z.infer<typeof DevicesSnapshotSchema>;

export const AppModeSchema = z.enum(['electron', 'browser', 'headless']);
export type AppMode = z.infer<typeof AppModeSchema>;

export const SystemStatusSchema = z.object({
  version: z.string(),
  mode: AppModeSchema,
  startedAt: z.iso.datetime(),
  database: z.object({
    ready: z.boolean(),
    encrypted: z.boolean(),
    schemaVersion: z.number().int().nonnegative(),
    error: z.string().optional(),
  }),
  devices: DevicesSnapshotSchema,
});
export type SystemStatus = z.infer<typeof SystemStatusSchema>;

export interface MethodSpec {
  readonly input: z.ZodType;
  readonly output: z.ZodType;
  /** Needs an unlocked admin session (as do all `settings.*.set` methods): see domain/admin-api.ts. */
  readonly admin?: boolean;
}

export const methods = {
  /** Version, database readiness and device-host state; answers even while devices restart. */
  'system.status': {
    input: NoInput,
    output: SystemStatusSchema,
  },
  /** Readers and scanners as the device host sees them now. */
  'devices.list': {
    input: NoInput,
    output: DevicesSnapshotSchema,
  },
  /** Reads and verifies the chip ID card on a reader; progress arrives as card.progress, the outcome also as card.result. */
  'card.read': {
    input: CardReadInputSchema,
    output: CardReadResultSchema,
  },
  /** A scan read by the renderer (keyboard wedge, camera): parsed, broadcast as scan, and returned. */
  'scan.submit': {
    input: ScanSubmitInputSchema,
    output: ScanEventSchema,
  },
  /** Waits for the next scan from one scanner and returns it with its bytes in hex; TIMEOUT when none comes. */
  'scan.test': {
    input: ScanTestInputSchema,
    output: ScanTestResultSchema,
  },
  /** The scanner settings in force. */
  'settings.scanners.get': {
    input: NoInput,
    output: ScannerSettingsSchema,
  },
  /** Stores and applies scanner settings without restart; invalid settings are refused with BAD_INPUT naming the field. */
  'settings.scanners.set': {
    input: ScannerSettingsSchema,
    output: ScannerSettingsSchema,
  },
  /** Finds patients by CCCD, old ID, BHXH or BHYT card number, phone, or name (diacritics optional) with an optional year of birth; each match says why it matched. */
  'patients.search': {
    input: PatientSearchInputSchema,
    output: PatientSearchResultSchema,
  },
  /** One patient record; PATIENT_NOT_FOUND when there is none. The access is audited. */
  'patients.get': {
    input: PatientGetInputSchema,
    output: PatientSchema,
  },
  /** Registers (no id) or updates a patient; refuses a CCCD another patient has (PATIENT_DUPLICATE); warns of the same name + birth date + sex or the same phone. */
  'patients.save': {
    input: PatientSaveInputSchema,
    output: PatientSaveResultSchema,
  },
  /** Checks a patient in to a clinic: a queue number (the HIS's, or the desk's own when the HIS cannot give one) and the ticket content; the HIS check-in is queued in the outbox. Audited. */
  'visits.create': {
    input: VisitCreateInputSchema,
    output: VisitCreateResultSchema,
  },
  /** Today's visits (Vietnam day), optionally of one clinic, with their status and HIS sync state. */
  'visits.today': {
    input: VisitsTodayInputSchema,
    output: VisitsTodayResultSchema,
  },
  /** The visit's XML0 check-in record (QĐ 4750/3176) as a file for IT: { fileName, xml, edition, warnings }. XML0_INCOMPLETE lists the missing or wrong elements in detail.problems. Audited as an export of patient data. */
  /** The clerk's comparison of the chip photo with the patient: match, no match, or skipped with a reason. Audited with desk and user. */
  'visits.recordBiometric': {
    input: VisitBiometricInputSchema,
    output: VisitViewSchema,
  },
  'visits.exportXml0': {
    input: VisitExportXml0InputSchema,
    output: VisitExportXml0ResultSchema,
    admin: true,
  },
  /** This facility as the BHYT data standard names it: the 5-character facility code (MA_CSKCB), null until set. */
  'settings.facility.get': {
    input: NoInput,
    output: FacilitySettingsSchema,
  },
  /** Stores the facility code; a malformed code is refused with BAD_INPUT. */
  'settings.facility.set': {
    input: FacilitySettingsSchema,
    output: FacilitySettingsSchema,
  },
  /** The clinics the desk assigns patients to. */
  'settings.clinics.get': {
    input: NoInput,
    output: ClinicListSchema,
  },
  /** Stores the clinic list; invalid lists are refused with BAD_INPUT naming the field. */
  'settings.clinics.set': {
    input: ClinicListSchema,
    output: ClinicListSchema,
  },
  /** What the identity check of a visit shows: the policy for its visit type, the patient's chip photo while retention keeps it, and any decision already made. Opening it is audited. */
  'visits.biometricPrompt': {
    input: VisitRefInputSchema,
    output: BiometricPromptSchema,
  },
  /** The desktop app prints the ticket on screen straight to the desk's printer, without a dialog, and records it; elsewhere PRINT_SILENT_UNAVAILABLE (print through the dialog instead). */
  'visits.printTicket': {
    input: TicketPrintInputSchema,
    output: TicketPrintedResultSchema,
  },
  /** Records that the ticket of a visit was printed (silently or through the dialog). Audited. */
  'visits.ticketPrinted': {
    input: TicketPrintedInputSchema,
    output: TicketPrintedResultSchema,
  },
  /** The desk's check-in settings: hospital name on the ticket, printing, the identity-check policy per visit type. */
  'settings.desk.get': {
    input: NoInput,
    output: DeskSettingsSchema,
  },
  /** Stores the desk's check-in settings. */
  'settings.desk.set': {
    input: DeskSettingsSchema,
    output: DeskSettingsSchema,
  },
  /** How many days chip photos and raw card reads are kept. */
  'settings.retention.get': {
    input: NoInput,
    output: RetentionSettingsSchema,
  },
  /** Stores the retention period and purges what is now older than it. */
  'settings.retention.set': {
    input: RetentionSettingsSchema,
    output: RetentionSettingsSchema,
  },
  /** Whether an admin PIN is set, whether this connection is unlocked, and any lockout after wrong PINs. */
  'admin.status': {
    input: NoInput,
    output: AdminStatusSchema,
  },
  /** Sets the first admin PIN, or changes it given the current one; unlocks this connection. */
  'admin.setPin': {
    input: AdminSetPinInputSchema,
    output: AdminStatusSchema,
  },
  /** Unlocks the admin methods for this connection; ADMIN_PIN_WRONG, or ADMIN_LOCKED_OUT after 5 wrong PINs (for longer each time). */
  'admin.unlock': {
    input: AdminUnlockInputSchema,
    output: AdminStatusSchema,
  },
  /** Ends this connection's admin session (the settings panel closed). */
  'admin.lock': {
    input: NoInput,
    output: AdminStatusSchema,
  },
  /** Who is signed in at this desk, and the clerks who may sign in. */
  'clerks.status': {
    input: NoInput,
    output: ClerkStatusSchema,
  },
  /** Signs a clerk in with staff code and PIN (five wrong PINs lock that clerk out for a while). Audited. */
  'clerks.signIn': {
    input: ClerkSignInInputSchema,
    output: ClerkStatusSchema,
  },
  /** Signs the clerk out (switching clerks): the desk asks for the next one. Audited. */
  'clerks.signOut': {
    input: ClerkSignOutInputSchema,
    output: ClerkStatusSchema,
  },
  /** The clerks who may sign in at this desk (code, name, mapped computer account), without PINs. */
  'settings.clerks.get': {
    input: NoInput,
    output: ClerkSettingsViewSchema,
    admin: true,
  },
  /** Stores the whole clerk list: new PINs are kept only as scrypt hashes; a clerk left out is removed. */
  'settings.clerks.set': {
    input: ClerkSettingsInputSchema,
    output: ClerkSettingsViewSchema,
  },
  /** Whether the app checks its update feed at start (off by default), and the feed IT chose. */
  'settings.updates.get': {
    input: NoInput,
    output: UpdateSettingsSchema,
  },
  /** Turns automatic updates on or off; applies at the next start. */
  'settings.updates.set': {
    input: UpdateSettingsSchema,
    output: UpdateSettingsSchema,
  },
  /** Demo mode: the sample cards and codes of the demo menu and the card on the demo reader; DEMO_MODE_OFF outside demo mode. */
  'demo.status': {
    input: NoInput,
    output: DemoStatusSchema,
  },
  /** Demo mode: puts a sample card on the demo reader (taking off any other); the read goes through the real chip-reading path. */
  'demo.insertCard': {
    input: DemoInsertCardInputSchema,
    output: DemoStatusSchema,
  },
  /** Demo mode: takes the sample card off the demo reader. */
  'demo.removeCard': {
    input: NoInput,
    output: DemoStatusSchema,
  },
  /** Demo mode: the demo scanner scans a sample code; it arrives as a scan event like any scanner's. */
  'demo.scan': {
    input: DemoScanInputSchema,
    output: DemoStatusSchema,
  },
  /** Whether `tiepdon start` opens demo mode, and whether this run is demo mode. */
  'settings.demo.get': {
    input: NoInput,
    output: DemoSettingsViewSchema,
  },
  /** Turns demo mode on or off for the next start (this run keeps its mode). */
  'settings.demo.set': {
    input: DemoSettingsSchema,
    output: DemoSettingsViewSchema,
  },
  /** Versions, device host, readers, recent warnings and errors (redacted) and sync state, for IT. */
  'diagnostics.get': {
    input: NoInput,
    output: DiagnosticsSchema,
    admin: true,
  },
  /** Writes a zip of the redacted logs, the diagnostics and the settings without secrets to the data folder. */
  'diagnostics.export': {
    input: NoInput,
    output: DiagnosticsExportSchema,
    admin: true,
  },
  /** The visit's payment: the one waiting or paid, or a new one for the visit type's fee with a dynamic VietQR whose purpose carries the visit reference. PAYMENT_NOT_NEEDED when the fee is 0. Audited. */
  'payments.start': {
    input: PaymentVisitInputSchema,
    output: PaymentViewSchema,
  },
  /** The visit's newest payment; PAYMENT_NOT_FOUND when none was started. */
  'payments.get': {
    input: PaymentVisitInputSchema,
    output: PaymentViewSchema,
  },
  /** The clerk marks the waiting payment paid, by VietQR seen on the account or in cash, with the receipt number. Audited with desk and user. */
  'payments.confirm': {
    input: PaymentConfirmInputSchema,
    output: PaymentViewSchema,
  },
  /** Cancels the waiting payment (PAYMENT_SETTLED once paid). Audited. */
  'payments.cancel': {
    input: PaymentCancelInputSchema,
    output: PaymentViewSchema,
  },
  /**
   * Takes back a payment the clerk confirmed by mistake, with a reason: the paid record is kept as reversed, the visit
   * waits for payment again under a new payment (same amount, a fresh VietQR), and the HIS is told to cancel what it was
   * sent. PAYMENT_NOT_PAID when the newest payment is not paid, PAYMENT_CONFIRMED_BY_HIS when the HIS reported it. Audited.
   */
  'payments.reopen': {
    input: PaymentReopenInputSchema,
    output: PaymentViewSchema,
  },
  /** The receiving bank account, the fee per visit type and what the clerk may confirm. */
  'settings.payment.get': {
    input: NoInput,
    output: PaymentSettingsSchema,
  },
  /** Stores the payment settings; invalid ones are refused with BAD_INPUT naming the field. */
  'settings.payment.set': {
    input: PaymentSettingsSchema,
    output: PaymentSettingsSchema,
  },
  /** Checks the patient's BHYT card with the BHXH gateway (card code, BHXH number or CCCD; corrected name or birth date after 060/061/070). When the gateway cannot be reached the check is 'to-verify' and retried in the background; insurance.result says when it lands. */
  'insurance.check': {
    input: InsuranceCheckInputSchema,
    output: InsuranceCheckViewSchema,
  },
  /** The visit's latest insurance check, or null. */
  'insurance.forVisit': {
    input: InsuranceForVisitInputSchema,
    output: InsuranceCheckOrNoneSchema,
  },
  /** The patient's latest insurance check, or null. */
  'insurance.forPatient': {
    input: InsuranceForPatientInputSchema,
    output: InsuranceCheckOrNoneSchema,
  },
  /** The BHXH gateway settings; the password is never returned, only whether one is set. */
  'settings.insurance.get': {
    input: NoInput,
    output: InsuranceSettingsViewSchema,
    // The staff member's name and CCCD, the accounts: for IT only.
    admin: true,
  },
  /** Stores the BHXH gateway settings (the password, when given, only as its MD5 in the secret store); BAD_INPUT names a refused field. */
  'settings.insurance.set': {
    input: InsuranceSettingsInputSchema,
    output: InsuranceSettingsViewSchema,
  },
  /**
   * Logs in to the BHXH gateway and says ok or why not (not set up, refused with its code, unreachable, malformed):
   * with the settings given (checked as settings.insurance.set checks them, never saved), else the stored ones.
   */
  'settings.insurance.test': {
    input: InsuranceTestInputSchema,
    output: InsuranceTestResultSchema,
    admin: true,
  },
  /** Where the HIS outbox stands: items waiting, items needing attention, the last success and the latest failure reason; also sent as sync.changed. */
  'sync.status': {
    input: NoInput,
    output: SyncStatusSchema,
  },
  /** The HIS items the HIS refused for good, oldest first, with the reason (codes and ids only, no personal data). */
  'sync.attention': {
    input: SyncAttentionInputSchema,
    output: SyncAttentionResultSchema,
  },
  /** Sends one item needing attention again, or all of them (no id); the worker also stops waiting out any pause. */
  'sync.retry': {
    input: SyncRetryInputSchema,
    output: SyncRetryResultSchema,
    admin: true,
  },
  /** The HIS connection settings; the token and the password are never returned, only whether they are set. */
  'settings.his.get': {
    input: NoInput,
    output: HisSettingsViewSchema,
    // The staff member's name and CCCD, the accounts: for IT only.
    admin: true,
  },
  /** Stores the HIS connection settings (token and password in the secret store) and restarts the sync with them; BAD_INPUT names a refused field. */
  'settings.his.set': {
    input: HisSettingsInputSchema,
    output: HisSettingsViewSchema,
  },
  /**
   * Asks the HIS for its capability statement and says ok (server, FHIR version, time) or why not:
   * with the settings given (checked as settings.his.set checks them, never saved), else the stored ones.
   */
  'settings.his.test': {
    input: HisTestInputSchema,
    output: HisTestResultSchema,
    admin: true,
  },
  /** Cancels a visit with a reason code; the HIS hears of it after the check-in (same transaction as the change). Audited. */
  'visits.cancel': {
    input: VisitCancelInputSchema,
    output: VisitCancelResultSchema,
  },
} as const satisfies Record<string, MethodSpec>;

export const events = {
  'devices.changed': DevicesSnapshotSchema,
  'card.inserted': CardInsertedSchema,
  'card.progress': CardProgressSchema,
  'card.result': CardResultEventSchema,
  scan: ScanEventSchema,
  /** A scan that came while nobody was signed in at the desk: dropped, its text never sent. */
  'scan.refused': z.object({ id: z.string(), source: ScanSourceKindSchema, code: ErrorCodeSchema }),
  'settings.scanners.changed': ScannerSettingsSchema,
  'payment.changed': PaymentViewSchema,
  'insurance.result': InsuranceResultEventSchema,
  'sync.changed': SyncStatusSchema,
  'clerk.changed': ClerkStatusSchema,
} as const satisfies Record<string, z.ZodType>;

export type MethodName = keyof typeof methods;
export type EventName = keyof typeof events;
export type MethodInput<M extends MethodName> = z.input<(typeof methods)[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<(typeof methods)[M]['output']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

export const METHOD_NAMES = Object.keys(methods) as MethodName[];
export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isMethodName(value: unknown): value is MethodName {
  return typeof value === 'string' && Object.hasOwn(methods, value);
}

export function isEventName(value: unknown): value is EventName {
  return typeof value === 'string' && Object.hasOwn(events, value);
}

/** What a transport must provide: raw calls answered with a result envelope, and raw events. */
export interface ApiTransport {
  call(method: string, input: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

export interface ApiClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/**
 * The typed client the renderer uses. Answers and events are checked against
 * the contract here too, so a mismatched main process shows as a typed error.
 */
export function createApiClient(transport: ApiTransport): ApiClient {
  return {
    async call(method, input) {
      let raw: unknown;
      try {
        raw = await transport.call(method, input);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return { ok: false, error: { code: 'TRANSPORT_CLOSED', message } };
      }
      const envelope = ResultEnvelopeSchema.safeParse(raw);
      if (!envelope.success) {
        return { ok: false, error: { code: 'BAD_OUTPUT', message: `Malformed answer to ${method}` } };
      }
      if (!envelope.data.ok) return envelope.data;
      const value = methods[method].output.safeParse(envelope.data.value);
      if (!value.success) {
        return { ok: false, error: { code: 'BAD_OUTPUT', message: `Answer to ${method} does not match the contract` } };
      }
      return { ok: true, value: value.data as MethodOutput<typeof method> };
    },
    on(event, listener) {
      return transport.on(event, (payload) => {
        const parsed = events[event].safeParse(payload);
        if (parsed.success) listener(parsed.data as EventPayload<typeof event>);
      });
    },
  };
}

/** Unwraps a result or throws its error as an AppError: for code paths where failure is exceptional. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  throw new AppError(result.error.code, result.error.message, result.error.detail);
}
