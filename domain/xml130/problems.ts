/** What can be wrong with an XML0 record, field by field, and what is worth a second look. */
import type { Xml0FieldName } from './fields.ts';

export const XML0_PROBLEM_CODES = [
  /** A required element has no value. */
  'missing',
  /** Longer than the table allows (never cut: the data would be lost). */
  'too-long',
  /** Not the shape the table asks for (a date, a card code, a facility code…). */
  'bad-format',
  /** A code that is not in the list in force on the visit day. */
  'not-in-force',
  /** Two values that contradict each other (admission before arrival, card ending before it starts). */
  'inconsistent',
  /** No edition of the table is in force on the visit day. */
  'no-edition',
] as const;
export type Xml0ProblemCode = (typeof XML0_PROBLEM_CODES)[number];

export const XML0_WARNING_CODES = [
  /** Characters XML cannot carry, or invisible ones, were removed from a text. */
  'text-cleaned',
  /** A newborn (28 days or younger) without a birth time: NGAY_SINH says 0000. */
  'birth-time-unknown',
  /** The insurance card is not valid on the visit day. */
  'card-not-valid-on-visit-day',
  /** The visit was cancelled: a check-in record is normally not sent for it. */
  'visit-cancelled',
] as const;
export type Xml0WarningCode = (typeof XML0_WARNING_CODES)[number];

/** Messages name fields and rules, never the values (they are personal data). */
export interface Xml0Problem {
  readonly field: Xml0FieldName | null;
  readonly code: Xml0ProblemCode;
  readonly message: string;
}

export interface Xml0Warning {
  readonly field: Xml0FieldName | null;
  readonly code: Xml0WarningCode;
  readonly message: string;
}
