/**
 * The XML0 export in the API contract: a visit's QĐ 4750/3176 check-in record
 * as a file for IT (sending it to the BHXH gateway is a later step), and the
 * facility setting it needs (MA_CSKCB). Schemas only: the builder lives in
 * domain/xml130 and stays out of the renderer's bundle.
 */
import { z } from 'zod';
import { VisitRecordIdSchema } from './visit-api.ts';

export const FACILITY_CODE_PATTERN = /^\d{2}[0-9A-Z]{3}$/;

/** This facility as the BHYT data standard names it. */
export const FacilitySettingsSchema = z.object({
  /** Mã cơ sở KCB (MA_CSKCB), 5 characters; null until IT sets it. */
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(FACILITY_CODE_PATTERN, 'a 5-character facility code such as 01013')
    .nullable()
    .default(null),
});
export type FacilitySettings = z.output<typeof FacilitySettingsSchema>;
export const DEFAULT_FACILITY: FacilitySettings = { code: null };

export const VisitExportXml0InputSchema = z.object({ visitId: VisitRecordIdSchema });
export type VisitExportXml0Input = z.output<typeof VisitExportXml0InputSchema>;

/** One element and what is wrong with it; the message names the rule, never the value. */
export const Xml0IssueSchema = z.object({
  field: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});
export type Xml0Issue = z.infer<typeof Xml0IssueSchema>;

export const VisitExportXml0ResultSchema = z.object({
  /** "XML0_<MA_LK>.xml". */
  fileName: z.string().regex(/^XML0_[A-Za-z0-9._-]+\.xml$/),
  /** The UTF-8 document, as the gateway takes it before base64. */
  xml: z.string(),
  /** Which edition of the table it follows ("qd4750-qd3176"). */
  edition: z.string(),
  /** What is worth a second look but did not stop the export (a newborn without a birth time…). */
  warnings: z.array(Xml0IssueSchema),
});
export type VisitExportXml0Result = z.infer<typeof VisitExportXml0ResultSchema>;

/** The detail of an XML0_INCOMPLETE error: every element that kept the record from being written. */
export const Xml0IncompleteDetailSchema = z.object({ problems: z.array(Xml0IssueSchema).min(1) });
export type Xml0IncompleteDetail = z.infer<typeof Xml0IncompleteDetailSchema>;
