import type { AppMode, DeviceHostState } from '../../../domain/api.ts';
import type { CardFile, CardReadStep } from '../../../domain/card.ts';
import type { ErrorCode } from '../../../domain/errors.ts';
import type { ConnectionState } from '../bridge/connection.ts';

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
    systemStatus: string;
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
      chipStates: Record<'passed' | 'failed' | 'not-supported' | 'not-run' | 'error', string>;
    };
    warnings: string;
    /** By warning code; {{field}} names the data group or field concerned. */
    warningTexts: Record<CardWarningCode, string>;
    readIn: string;
  };
  errors: Record<ErrorCode, string>;
}

export type CardWarningCode =
  | 'file-skipped'
  | 'file-unreadable'
  | 'mrz-check-digit'
  | 'dg1-dg13-mismatch'
  | 'dg13-field-unreadable'
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
