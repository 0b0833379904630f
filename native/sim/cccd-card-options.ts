/**
 * The virtual CCCD's options. They cross a process boundary as JSON (the card
 * runs in its own process), so keys and certificates travel as PEM and the
 * photo as a path.
 */
import { z } from 'zod';
import type { CardSpec } from './card.ts';
import { CccdProfileSchema } from './cccd-profile.ts';

/** Where the card process finds the virtual CCCD; add `options` (CccdCardOptions). */
export const CCCD_CARD_SPEC: CardSpec = { module: new URL('./cccd-card.ts', import.meta.url).href, export: 'createCard' };

/** Files the tamper option can alter, by the names the API uses. */
export const TAMPERABLE_FILES = ['EF.COM', 'DG1', 'DG2', 'DG13', 'DG14', 'DG15'] as const;

const Pem = (label: string) => z.string().regex(new RegExp(`-----BEGIN ${label}-----`), `a PEM ${label}`);

/** A CSCA and the document signer it certified. Tests pass their own to check trust decisions. */
export const CardPkiSchema = z
  .object({
    cscaCertificatePem: Pem('CERTIFICATE'),
    documentSignerCertificatePem: Pem('CERTIFICATE'),
    documentSignerPrivateKeyPem: Pem('PRIVATE KEY'),
  })
  .strict();
export type CardPki = z.infer<typeof CardPkiSchema>;

const Count = z.number().int().positive();

/**
 * Misbehaviour on demand. APDUs are counted from 1 over every command the card
 * receives (ATR polls are not commands), across re-insertions of the same card.
 */
export const CardFaultsSchema = z
  .object({
    /** Delay before every answer, in ms (a slow chip or a weak field). */
    latencyMs: z.number().nonnegative().max(60_000).optional(),
    /**
     * Answers this many commands, then leaves the reader on the next one, which gets no answer: the
     * vpcd link closes, as when a card is pulled away. Once; inserted again, the card works.
     */
    removeAfterApdus: Count.optional(),
    /** The response to this command has a corrupted secure-messaging MAC (a bit flipped in DO8E). */
    wrongMacOnResponse: Count.optional(),
    /** Commands expecting more than this many response bytes are refused with 6700. */
    maxLe: z.number().int().min(1).max(65536).optional(),
    /** DG3 (fingerprints) is listed in EF.COM but needs terminal authentication: SELECT answers 6982. Default true. */
    protectDg3: z.boolean().default(true),
    /** EF.SOD is there but holds nothing: READ BINARY answers 9000 with no data. */
    emptySod: z.boolean().optional(),
  })
  .strict();
export type CardFaults = z.output<typeof CardFaultsSchema>;

/** Alters a file after the SOD was signed, so passive authentication must fail on its hash. */
export const TamperSchema = z
  .object({
    file: z.enum(TAMPERABLE_FILES),
    /** Byte to flip (XOR 0x01), from the start of the file; the last byte by default, which is always content. */
    offset: z.number().int().nonnegative().optional(),
  })
  .strict();
export type Tamper = z.infer<typeof TamperSchema>;

/** Which ways in the chip offers. */
export const CardAccessOptionsSchema = z
  .object({
    /** false: no EF.CardAccess at the MF, so no PACE (an older chip): only BAC opens it. Default true. */
    pace: z.boolean().default(true),
  })
  .strict();

export const CccdCardOptionsSchema = z
  .object({
    /** The holder; the built-in demo profile when absent. A photo path must be absolute here. */
    profile: CccdProfileSchema.optional(),
    /** Created fresh at start when absent. */
    pki: CardPkiSchema.optional(),
    faults: CardFaultsSchema.default({ protectDg3: true }),
    tamper: TamperSchema.optional(),
    access: CardAccessOptionsSchema.default({ pace: true }),
    /** Answer To Reset as hex; a contactless-looking default. */
    atrHex: z
      .string()
      .regex(/^([0-9a-fA-F]{2}){2,33}$/)
      .optional(),
  })
  .strict();
export type CccdCardOptions = z.input<typeof CccdCardOptionsSchema>;
export type ParsedCccdCardOptions = z.output<typeof CccdCardOptionsSchema>;
