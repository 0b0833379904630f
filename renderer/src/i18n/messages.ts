import type { DeskAction } from '../keyboard/desk-keys.ts';
import type { AppMode, DeviceHostState } from '../../../domain/api.ts';
import type { CardFile, CardReadStep } from '../../../domain/card.ts';
import type { ErrorCode } from '../../../domain/errors.ts';
import type { DuplicateReason, MatchReason, PatientSex } from '../../../domain/patient.ts';
import type { IdentityWarningCode } from '../../../domain/identity/issues.ts';
import type { UnknownScanReason } from '../../../domain/identity/scan-kind.ts';
import type { ScanEventKind, ScanSourceKind, ScanTransportWarning, SerialTerminator } from '../../../domain/scan.ts';
import type { ConnectionState } from '../bridge/connection.ts';
import type { PatientFormField } from '../patient/patient-form.ts';
import type { VisitStatus, VisitType } from '../../../domain/checkin/index.ts';
import type { VisitSync } from '../../../domain/visit-api.ts';
import type { PaymentMessages } from '../payment/payment-messages.ts';
import type { InsuranceMessages } from '../insurance/insurance-messages.ts';
import type { HisSettingsMessages, SyncMessages } from '../sync/sync-messages.ts';
import type { CheckinMessages } from './checkin-messages.ts';
import type { Xml0Messages } from './xml0-messages.ts';
import type { DemoMessages } from '../demo/demo-messages.ts';
import type { ClerkMessages } from '../clerk/clerk-messages.ts';

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'vi';

type PcscState = 'available' | 'unavailable' | 'unknown';

/**
 * Every text on screen, per language. Keyed by the domain's own unions, so a
 * new error code, host state or connection state without text fails type-checking.
 */
export interface Messages {
  app: {
    name: string;
    tagline: string;
    version: string;
    mode: Record<AppMode, string>;
    loading: string;
    /** While a part of the screen loaded on demand arrives. */
    opening: string;
    systemStatus: string;
    settings: string;
    settingsShortcut: string;
  };
  common: { yes: string; no: string };
  language: {
    /** The button's label: the name of the other language, in that language. */
    switchTo: string;
    switchHint: string;
    shortcut: string;
  };
  connection: {
    label: string;
    states: Record<ConnectionState, string>;
  };
  database: {
    title: string;
    ready: string;
    notReady: string;
    encrypted: string;
    schemaVersion: string;
    reason: string;
  };
  deviceHost: {
    title: string;
    states: Record<DeviceHostState, string>;
    restarts: string;
    lastExit: string;
  };
  pcsc: {
    title: string;
    states: Record<PcscState, string>;
    readers: string;
    noReaders: string;
    cardPresent: string;
    cardAbsent: string;
  };
  card: {
    title: string;
    keyLabel: string;
    keyHint: string;
    keyInvalid: string;
    read: string;
    readShortcut: string;
    clear: string;
    waiting: string;
    noReader: string;
    steps: Record<CardReadStep, string>;
    files: Record<CardFile, string>;
    progressOf: string;
    photo: string;
    noPhoto: string;
    fields: Record<CardHolderField, string>;
    sex: Record<'male' | 'female' | 'unspecified', string>;
    verification: {
      title: string;
      passive: string;
      active: string;
      chip: string;
      passiveStates: Record<'valid' | 'invalid' | 'chain-unknown' | 'not-checked', string>;
      /** Why the data signature could not be checked, by the reason the services give. */
      passiveReasons: Record<'sod-missing' | 'sod-empty' | 'sod-malformed' | 'sod-unsupported-hash', string>;
      chipStates: Record<'passed' | 'failed' | 'not-supported' | 'not-run' | 'error', string>;
    };
    warnings: string;
    /** By warning code; {{field}} names the data group or field concerned. */
    warningTexts: Record<CardWarningCode, string>;
    readIn: string;
  };
  scan: {
    title: string;
    waiting: string;
    hint: string;
    kinds: Record<ScanEventKind, string>;
    sources: Record<ScanSourceKind, string>;
    fields: Record<ScanField, string>;
    sex: Record<'male' | 'female' | 'unspecified', string>;
    openEnded: string;
    layout: Record<'cccd2021' | 'heuristic' | 'v2015' | 'v2021' | 'unknown', string>;
    vietqr: string;
    vietqrAccount: string;
    unknownReasons: Record<UnknownScanReason, string>;
    /** {{field}} is the field's name on screen. */
    parseError: string;
    parseErrorNoField: string;
    check: string;
    confirm: {
      title: string;
      heuristic: string;
      fields: string;
      accept: string;
      acceptShortcut: string;
      rescan: string;
      confirmed: string;
    };
    transportWarnings: Record<ScanTransportWarning, string>;
    identityWarnings: Record<ExplainedScanWarning, string>;
    armed: string;
    dismiss: string;
    camera: string;
    cameraShortcut: string;
  };
  camera: {
    title: string;
    starting: string;
    ready: string;
    close: string;
    closeShortcut: string;
    failures: Record<CameraFailure, string>;
  };
  settings: {
    title: string;
    scannersSection: string;
    nav: {
      label: string;
      unsaved: string;
      devices: string;
      clerks: string;
      desk: string;
      clinics: string;
      xml0: string;
      payment: string;
      insurance: string;
      his: string;
      demo: string;
      adminPin: string;
      diagnostics: string;
    };
    unsaved: { title: string; text: string; stay: string; drop: string };
    close: string;
    closeShortcut: string;
    loading: string;
    intro: string;
    devices: {
      title: string;
      readers: string;
      serialPorts: string;
      hidDevices: string;
      scanners: string;
      none: string;
      use: string;
      inUse: string;
      scannerStates: Record<'connected' | 'disconnected' | 'error', string>;
    };
    serial: { title: string; add: string; none: string; item: string };
    hid: { title: string; add: string; none: string; item: string };
    wedge: { title: string; hint: string };
    camera: { title: string; defaultDevice: string };
    remove: string;
    fields: Record<ScannerSettingsField, string>;
    parity: Record<'none' | 'even' | 'odd', string>;
    terminators: Record<SerialTerminator, string>;
    wedgeTerminators: Record<'enter' | 'tab' | 'none', string>;
    modes: Record<'auto' | 'hid-pos' | 'hid-keyboard', string>;
    layouts: Record<'us' | 'de', string>;
    defaultValue: string;
    save: string;
    saveShortcut: string;
    saved: string;
    saveFailed: string;
    /** {{where}} names the scanner and field, {{message}} is the services' own words. */
    fieldError: string;
    /** A refused value, by the rule it broke; {{limit}} is the bound. */
    rules: Record<FieldRule, string>;
    invalid: string;
    test: {
      title: string;
      scanner: string;
      start: string;
      waiting: string;
      rawHex: string;
      bytes: string;
      parse: string;
      failed: string;
    };
  };
  /** The patient banner at the top of the workspace. */
  banner: {
    unnamed: string;
    unsaved: string;
    cccd: string;
    ageYears: string;
    ageYearsMonths: string;
    ageMonths: string;
    ageRange: string;
    insurance: Record<'valid' | 'invalid' | 'checking' | 'to-verify' | 'review' | 'not-checked' | 'none', string>;
    visitsToday: string;
    queueNumber: string;
  };
  patient: {
    title: string;
    searchLabel: string;
    searchHint: string;
    searchShortcut: string;
    searching: string;
    noMatches: string;
    matchCount: string;
    /** Why a match matched. */
    matchedBy: Record<MatchReason, string>;
    born: string;
    newPatient: string;
    newShortcut: string;
    registerTitle: string;
    editTitle: string;
    fields: Record<PatientFormField, string>;
    sexes: Record<PatientSex, string>;
    chooseSex: string;
    birthDateHint: string;
    /** What a field must hold, shown at the field when it is refused. */
    rules: Record<PatientFormField, string>;
    invalid: string;
    save: string;
    saveShortcut: string;
    saving: string;
    saved: string;
    close: string;
    /** {{name}} and {{birthDate}} are the other patient's. */
    warnings: Record<DuplicateReason, string>;
    duplicate: string;
    openExisting: string;
    openPatient: string;
    fromScan: string;
    fromCard: string;
    notFound: string;
    unsaved: {
      title: string;
      changed: string;
      card: string;
      scan: string;
      new: string;
      open: string;
      close: string;
      keep: string;
      save: string;
      discard: string;
    };
    differences: {
      title: string;
      stored: string;
      card: string;
      empty: string;
      accept: string;
      acceptAll: string;
      accepted: string;
    };
  };
  visit: {
    title: string;
    visitType: string;
    visitTypes: Record<VisitType, string>;
    clinic: string;
    clinicsLoading: string;
    priorities: string;
    /** Shown beside an age-based priority the birth date only makes possible. */
    possible: string;
    byBirthDate: string;
    secondToday: string;
    secondConfirm: string;
    secondCancel: string;
    reason: string;
    create: string;
    createShortcut: string;
    creating: string;
    ticketTitle: string;
    print: string;
    newVisit: string;
    today: {
      title: string;
      loading: string;
      empty: string;
      count: string;
      number: string;
      patient: string;
      clinic: string;
      status: string;
      sync: string;
    };
    statuses: Record<VisitStatus, string>;
    syncStates: Record<VisitSync, string>;
  };
  checkin: CheckinMessages;
  demo: DemoMessages;
  clerk: ClerkMessages;
  xml0: Xml0Messages;
  payment: PaymentMessages;
  insurance: InsuranceMessages;
  sync: SyncMessages;
  hisSettings: HisSettingsMessages;
  admin: {
    title: string;
    setHint: string;
    changeHint: string;
    enterHint: string;
    pin: string;
    confirmPin: string;
    currentPin: string;
    rule: string;
    mismatch: string;
    set: string;
    change: string;
    unlock: string;
    cancel: string;
    checking: string;
    attemptsLeft: string;
    lockedUntil: string;
    changed: string;
  };
  diagnostics: {
    title: string;
    versions: string;
    mode: string;
    database: string;
    deviceHost: string;
    restarts: string;
    pcsc: string;
    readers: string;
    noReaders: string;
    cardPresent: string;
    recentErrors: string;
    noErrors: string;
    databaseReady: string;
    databaseNotReady: string;
    schema: string;
    technical: string;
    sync: string;
    syncNone: string;
    syncOff: string;
    syncCounts: string;
    syncLast: string;
    syncNever: string;
    syncFailure: string;
    adminPin: string;
    updates: string;
    updatesHint: string;
    refresh: string;
    export: string;
    exporting: string;
    exported: string;
  };
  keys: {
    /** What each desk key does, as the hint bar names it. */
    actions: Record<DeskAction, string>;
    /** When each key acts, said when it is pressed where it does not. */
    when: Record<DeskAction, string>;
    unused: string;
    hintsLabel: string;
  };
  errors: Record<ErrorCode, string>;
}

export type CameraFailure = 'no-camera' | 'denied' | 'failed';

export type ScanField =
  | 'idNumber'
  | 'oldIdNumber'
  | 'fullName'
  | 'dateOfBirth'
  | 'sex'
  | 'address'
  | 'issueDate'
  | 'cardNumber'
  | 'socialInsuranceNumber'
  | 'benefitLevel'
  | 'validity'
  | 'validFrom'
  | 'validTo'
  | 'registeredFacility'
  | 'issuingPlace'
  | 'guardianName'
  | 'layout'
  | 'source';

export type ScannerSettingsField =
  | 'id'
  | 'label'
  | 'enabled'
  | 'path'
  | 'baudRate'
  | 'dataBits'
  | 'parity'
  | 'stopBits'
  | 'terminator'
  | 'idleGapMs'
  | 'encoding'
  | 'maxFrameBytes'
  | 'vendorId'
  | 'productId'
  | 'mode'
  | 'interface'
  | 'serialNumber'
  | 'layout'
  | 'maxInterKeyGapMs'
  | 'minLength'
  | 'deviceId';

export const FIELD_RULES = [
  'too_small',
  'too_big',
  'invalid_type',
  'invalid_format',
  'invalid_value',
  'not_multiple_of',
  // The same rules said of a text or a list rather than a number, and a refinement's own.
  'empty',
  'too_short',
  'too_long',
  'too_few',
  'too_many',
  'duplicate',
  'web_address',
  'https_required',
] as const;
export type FieldRule = (typeof FIELD_RULES)[number];

export function isKnownRule(rule: string): rule is FieldRule {
  return (FIELD_RULES as readonly string[]).includes(rule);
}

/** Scan warnings the clerk is told in words; the others only mark the fields to check. */
export const EXPLAINED_SCAN_WARNINGS = ['TEXT_CLEANED', 'ISSUE_BEFORE_BIRTH', 'AGE_IMPLAUSIBLE', 'DATE_IN_FUTURE'] as const satisfies readonly IdentityWarningCode[];
export type ExplainedScanWarning = (typeof EXPLAINED_SCAN_WARNINGS)[number];

export type CardWarningCode =
  | 'file-skipped'
  | 'file-unreadable'
  | 'mrz-check-digit'
  | 'dg1-dg13-mismatch'
  | 'dg13-field-unreadable'
  | 'dg13-text-cleaned'
  | 'photo-undecodable'
  | 'photo-format-unknown';

export type CardHolderField =
  | 'idNumber'
  | 'fullName'
  | 'dateOfBirth'
  | 'sex'
  | 'nationality'
  | 'ethnicity'
  | 'religion'
  | 'placeOfOrigin'
  | 'placeOfResidence'
  | 'identifyingMarks'
  | 'dateOfIssue'
  | 'dateOfExpiry'
  | 'fatherName'
  | 'motherName'
  | 'spouseName'
  | 'oldIdNumber';

/**
 * Sections only the desk, the settings and the payment screen use: their
 * Vietnamese texts load with those parts, not with the first screen.
 */
export const DESK_SECTIONS = [
  'database',
  'deviceHost',
  'pcsc',
  'card',
  'scan',
  'camera',
  'banner',
  'patient',
  'visit',
  'checkin',
  'demo',
  'xml0',
  'payment',
  'insurance',
  'admin',
  'diagnostics',
  'settings',
  'hisSettings',
] as const satisfies readonly (keyof Messages)[];
export type DeskSection = (typeof DESK_SECTIONS)[number];
/** Errors only the desk's parts show: their texts load with the desk (see desk-messages.ts). */
export const DESK_ERROR_CODES = [
  'PATIENT_DUPLICATE',
  'PATIENT_NOT_FOUND',
  'VISIT_NOT_FOUND',
  'CLINIC_NOT_FOUND',
  'QUEUE_NUMBER_UNAVAILABLE',
  'PRINT_SILENT_UNAVAILABLE',
  'PRINT_FAILED',
  'XML0_INCOMPLETE',
  'PAYMENT_NOT_FOUND',
  'PAYMENT_NOT_NEEDED',
  'PAYMENT_NOT_CONFIGURED',
  'PAYMENT_SETTLED',
  'PAYMENT_NOT_ALLOWED',
  'PAYMENT_NOT_PAID',
  'PAYMENT_CONFIRMED_BY_HIS',
  'READER_NOT_FOUND',
  'CARD_ABSENT',
  'CARD_REMOVED',
  'CARD_BUSY',
  'ACCESS_DENIED',
  'CARD_READ_FAILED',
  'CARD_UNSUPPORTED',
  'QR_UNRECOGNISED',
  'INSURANCE_UNAVAILABLE',
  'INSURANCE_CONFIG',
  'INSURANCE_NO_CARD',
  'DEMO_SWITCH_REAL_APP_ONLY',
] as const satisfies readonly ErrorCode[];
export type DeskErrorCode = (typeof DESK_ERROR_CODES)[number];
export type CoreMessages = Omit<Messages, DeskSection | 'errors'> & { errors: Omit<Messages['errors'], DeskErrorCode> };
export type DeskMessages = Pick<Messages, DeskSection> & { errors: Pick<Messages['errors'], DeskErrorCode> };

