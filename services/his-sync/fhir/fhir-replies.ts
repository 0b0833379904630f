/**
 * The parts of FHIR replies the adapter reads, checked with zod: a reply that
 * does not have them is HIS_MALFORMED_REPLY, never a crash or a guess.
 * Everything else in a resource is kept as it came (loose objects).
 */
import { z } from 'zod';
import { HisError } from '../his-adapter.ts';

const IdentifierSchema = z.looseObject({ system: z.string().optional(), value: z.string().optional() });
const MetaSchema = z.looseObject({ versionId: z.string().optional(), lastUpdated: z.string().optional() }).optional();
const MoneySchema = z.looseObject({ value: z.number().optional(), currency: z.string().optional() });
const CodingSchema = z.looseObject({ system: z.string().optional(), code: z.string().optional(), display: z.string().optional() });
const CodeableConceptSchema = z.looseObject({ coding: z.array(CodingSchema).optional(), text: z.string().optional() });

export const PatientReplySchema = z.looseObject({
  resourceType: z.literal('Patient'),
  id: z.string().min(1),
  meta: MetaSchema,
  identifier: z.array(IdentifierSchema).optional(),
  name: z.array(z.looseObject({ text: z.string().optional(), family: z.string().optional(), given: z.array(z.string()).optional() })).optional(),
  birthDate: z.string().optional(),
  gender: z.string().optional(),
});
export type PatientReply = z.infer<typeof PatientReplySchema>;

export const EncounterReplySchema = z.looseObject({
  resourceType: z.literal('Encounter'),
  id: z.string().min(1),
  meta: MetaSchema,
  status: z.string(),
  identifier: z.array(IdentifierSchema).optional(),
  statusHistory: z.array(z.looseObject({ status: z.string() })).optional(),
});
export type EncounterReply = z.infer<typeof EncounterReplySchema>;

export const LocationReplySchema = z.looseObject({
  resourceType: z.literal('Location'),
  id: z.string().min(1),
  identifier: z.array(IdentifierSchema).optional(),
  name: z.string().optional(),
  alias: z.array(z.string()).optional(),
  type: z.array(CodeableConceptSchema).optional(),
});

export const ChargeItemDefinitionReplySchema = z.looseObject({
  resourceType: z.literal('ChargeItemDefinition'),
  title: z.string().optional(),
  code: CodeableConceptSchema.optional(),
  useContext: z.array(z.looseObject({ valueCodeableConcept: CodeableConceptSchema.optional() })).optional(),
  propertyGroup: z.array(z.looseObject({ priceComponent: z.array(z.looseObject({ type: z.string(), amount: MoneySchema.optional() })).optional() })).optional(),
});

export const ChargeItemReplySchema = z.looseObject({
  resourceType: z.literal('ChargeItem'),
  status: z.string(),
  priceOverride: MoneySchema.optional(),
});

export const PaymentNoticeReplySchema = z.looseObject({
  resourceType: z.literal('PaymentNotice'),
  id: z.string().min(1).optional(),
  meta: MetaSchema,
  identifier: z.array(IdentifierSchema).optional(),
  status: z.string(),
  created: z.string().optional(),
  amount: MoneySchema,
});

export const AnyResourceSchema = z.looseObject({ resourceType: z.string(), id: z.string().optional() });

export const SearchBundleSchema = z.looseObject({
  resourceType: z.literal('Bundle'),
  entry: z.array(z.looseObject({ resource: AnyResourceSchema.optional() })).optional(),
});

export const QueueNumberReplySchema = z.looseObject({
  resourceType: z.literal('Parameters'),
  parameter: z.array(z.looseObject({ name: z.string(), valueInteger: z.number().int().optional() })).optional(),
});

export const CapabilityReplySchema = z.looseObject({
  resourceType: z.literal('CapabilityStatement'),
  fhirVersion: z.string().optional(),
  software: z.looseObject({ name: z.string().optional(), version: z.string().optional() }).optional(),
});

/** Parses a reply, or fails as permanent HIS_MALFORMED_REPLY naming what was wrong (paths only: no values). */
export function readReply<S extends z.ZodType>(schema: S, body: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const where = parsed.error.issues
    .slice(0, 3)
    .map((issue) => issue.path.join('.') || '(root)')
    .join(', ');
  throw new HisError('permanent', 'HIS_MALFORMED_REPLY', `The HIS answer for ${what} is not as expected at ${where}`);
}

/** The matches of a search bundle, each checked against `schema`; notes the server adds (OperationOutcome) are skipped. */
export function searchResults<S extends z.ZodType>(schema: S, body: unknown, what: string): z.output<S>[] {
  const bundle = readReply(SearchBundleSchema, body, what);
  return (bundle.entry ?? []).flatMap((entry) =>
    entry.resource && entry.resource.resourceType !== 'OperationOutcome' ? [readReply(schema, entry.resource, what)] : [],
  );
}

export function identifierValue(identifiers: readonly { system?: string | undefined; value?: string | undefined }[] | undefined, system: string): string | null {
  return identifiers?.find((identifier) => identifier.system === system)?.value ?? null;
}
