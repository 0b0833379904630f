/**
 * The HIS adapter over FHIR R4: every write is idempotent on a business
 * identifier — conditional create (If-None-Exist) for patients, encounters
 * and payments, conditional update for coverage, and versioned update
 * (If-Match on the ETag) when an encounter or a payment changes status, so a repeat after
 * a crash or a lost answer never doubles anything.
 */
import type { Encounter, Patient } from '@medplum/fhirtypes';
import type { ClinicId, LocalDay, QueueSourceResult } from '../../../domain/checkin/index.ts';
import { DEFAULT_FHIR_SYSTEMS, QUEUE_NUMBER_OPERATION, type FhirSystems } from '../../../domain/his/fhir-systems.ts';
import type { PatientSex } from '../../../domain/patient.ts';
import {
  HisError,
  isHisError,
  type HisAdapter,
  type HisClinic,
  type HisEncounterRef,
  type HisEncounterStatus,
  type HisFee,
  type HisPatient,
  type HisPatientRef,
  type HisPaymentStatus,
} from '../his-adapter.ts';
import { coverageResource, encounterResource, encounterWithStatus, mergePatient, patientDiffers, patientResource, patientIdentifiers, paymentNoticeResource } from './fhir-resources.ts';
import {
  CapabilityReplySchema,
  ChargeItemDefinitionReplySchema,
  ChargeItemReplySchema,
  EncounterReplySchema,
  identifierValue,
  LocationReplySchema,
  PatientReplySchema,
  PaymentNoticeReplySchema,
  QueueNumberReplySchema,
  readReply,
  searchResults,
  type EncounterReply,
  type PatientReply,
} from './fhir-replies.ts';
import { createFhirHttpClient, type FhirHttpClient, type FhirHttpOptions } from './http-client.ts';

export interface FhirHisAdapterOptions extends FhirHttpOptions {
  systems?: FhirSystems;
  /** The clerk waits for a queue number: give up on the HIS sooner than for background work. */
  queueNumberTimeoutMs?: number;
}

const PREFER = { prefer: 'return=representation' };
const SEX: Record<string, PatientSex> = { male: 'male', female: 'female' };
const ENCOUNTER_STATUSES: readonly HisEncounterStatus[] = ['arrived', 'in-progress', 'cancelled'];
/**
 * A reversed payment's notice: FHIR R4 "entered-in-error" (the notice should
 * never have existed: the money was not received), not "cancelled" (a notice
 * withdrawn after it was true, as for a refund).
 */
const REVERSED_NOTICE_STATUS = 'entered-in-error';

const token = (system: string, value: string) => `identifier=${encodeURIComponent(`${system}|${value}`)}`;
/** A search matching any of the identifiers (a comma in a token search is OR). */
const anyToken = (identifiers: readonly { system: string; value: string }[]) =>
  `identifier=${identifiers.map(({ system, value }) => encodeURIComponent(`${system}|${value}`)).join(',')}`;
const versionOf = (etag: string | string[] | undefined, meta: { versionId?: string | undefined } | undefined): string | null => {
  const header = Array.isArray(etag) ? etag[0] : etag;
  const fromHeader = header ? /"([^"]+)"/.exec(header)?.[1] : undefined;
  return fromHeader ?? meta?.versionId ?? null;
};

export interface FhirHisAdapter extends HisAdapter {
  close(): void;
}

export function createFhirHisAdapter(options: FhirHisAdapterOptions, client: FhirHttpClient = createFhirHttpClient(options)): FhirHisAdapter {
  const systems = options.systems ?? DEFAULT_FHIR_SYSTEMS;
  const locationIds = new Map<ClinicId, string>();

  const one = <T>(found: T[], what: string): T | null => {
    if (found.length > 1) throw new HisError('permanent', 'HIS_AMBIGUOUS', `The HIS holds ${found.length} records for one ${what}`);
    return found[0] ?? null;
  };

  const findEncounter = async (visitKey: string): Promise<{ encounter: EncounterReply; version: string | null }> => {
    const reply = await client.send('GET', `Encounter?${token(systems.visit, visitKey)}`);
    const encounter = one(searchResults(EncounterReplySchema, reply.body, 'an encounter search'), 'visit');
    if (!encounter) throw new HisError('permanent', 'HIS_NOT_FOUND', 'The HIS has no encounter for this visit');
    return { encounter, version: versionOf(undefined, encounter.meta) };
  };

  const toPatient = (reply: PatientReply): HisPatient => {
    const name = reply.name?.[0];
    return {
      hisId: reply.id,
      mrn: identifierValue(reply.identifier, systems.mrn),
      cccd: identifierValue(reply.identifier, systems.cccd),
      bhxhNumber: identifierValue(reply.identifier, systems.bhxh),
      fullName: name?.text ?? [name?.family, ...(name?.given ?? [])].filter(Boolean).join(' '),
      birthDate: reply.birthDate ?? null,
      sex: SEX[reply.gender ?? ''] ?? 'unspecified',
    };
  };

  const encounterRef = (encounter: EncounterReply, version: string | null): HisEncounterRef => {
    const status = ENCOUNTER_STATUSES.find((s) => s === encounter.status) ?? 'in-progress';
    return { hisId: encounter.id, version, status };
  };

  const locationOf = async (clinicId: ClinicId, timeoutMs?: number): Promise<string> => {
    const cached = locationIds.get(clinicId);
    if (cached) return cached;
    const reply = await client.send('GET', `Location?${token(systems.clinic, clinicId)}`, timeoutMs === undefined ? {} : { timeoutMs });
    const location = one(searchResults(LocationReplySchema, reply.body, 'a clinic search'), 'clinic');
    if (!location) throw new HisError('permanent', 'HIS_NOT_FOUND', `The HIS has no clinic ${clinicId}`);
    locationIds.set(clinicId, location.id);
    return location.id;
  };

  return {
    async next(clinicId: ClinicId, day: LocalDay): Promise<QueueSourceResult> {
      const timeoutMs = options.queueNumberTimeoutMs ?? 3_000;
      try {
        const location = await locationOf(clinicId, timeoutMs);
        const reply = await client.send('POST', `Location/${location}/${QUEUE_NUMBER_OPERATION}`, {
          body: { resourceType: 'Parameters', parameter: [{ name: 'day', valueDate: day }] },
          timeoutMs,
        });
        const sequence = readReply(QueueNumberReplySchema, reply.body, 'a queue number').parameter?.find((p) => p.name === 'sequence')?.valueInteger;
        if (sequence === undefined) return { ok: false, reason: 'rejected', message: 'no sequence in the answer' };
        return { ok: true, sequence };
      } catch (error) {
        if (!isHisError(error)) return { ok: false, reason: 'unavailable' };
        if (error.code === 'HIS_TIMEOUT') return { ok: false, reason: 'timeout', message: error.message };
        return { ok: false, reason: error.kind === 'retryable' ? 'unavailable' : 'rejected', message: error.message };
      }
    },

    async findPatient(query) {
      const searches: [string, string][] = [];
      if (query.cccd) searches.push([systems.cccd, query.cccd]);
      if (query.bhxhNumber) searches.push([systems.bhxh, query.bhxhNumber]);
      if (searches.length === 0) throw new HisError('permanent', 'HIS_BAD_PAYLOAD', 'A patient look-up needs a CCCD or a BHXH number');
      for (const [system, value] of searches) {
        const reply = await client.send('GET', `Patient?${token(system, value)}`);
        const found = one(searchResults(PatientReplySchema, reply.body, 'a patient search'), 'patient identifier');
        if (found) return toPatient(found);
      }
      return null;
    },

    async upsertPatient(input): Promise<HisPatientRef> {
      const ours = patientResource(input, systems);
      // Matched by any identifier we hold, so a CCCD shown later does not make a second HIS patient;
      // several HIS patients matching is 412 → HIS_AMBIGUOUS, for IT to merge at the HIS.
      const match = anyToken(patientIdentifiers(input, systems));
      const reply = await client.send('POST', 'Patient', { body: ours, headers: { ...PREFER, 'if-none-exist': match } });
      let existing: PatientReply;
      if (reply.body === undefined) {
        // A server may answer a matched conditional create with no body: read what it matched.
        const search = await client.send('GET', `Patient?${match}`);
        const found = one(searchResults(PatientReplySchema, search.body, 'a patient search'), 'patient identifier');
        if (!found) throw new HisError('retryable', 'HIS_NOT_FOUND', 'The HIS accepted the patient but cannot find it yet');
        existing = found;
      } else {
        existing = readReply(PatientReplySchema, reply.body, 'a patient');
      }
      if (reply.status !== 201) {
        const theirCccd = identifierValue(existing.identifier, systems.cccd);
        if (input.cccd && theirCccd && theirCccd !== input.cccd) {
          throw new HisError('permanent', 'HIS_AMBIGUOUS', 'The HIS patient matched by the BHXH or desk number holds another CCCD');
        }
        const merged = mergePatient(existing as unknown as Patient, ours);
        if (patientDiffers(existing as unknown as Patient, merged)) {
          const version = versionOf(undefined, existing.meta);
          const updated = await client.send('PUT', `Patient/${existing.id}`, {
            body: merged,
            headers: { ...PREFER, ...(version ? { 'if-match': `W/"${version}"` } : {}) },
          });
          if (updated.body !== undefined) existing = readReply(PatientReplySchema, updated.body, 'a patient');
        }
      }
      return { hisId: existing.id, mrn: identifierValue(existing.identifier, systems.mrn) };
    },

    async createEncounter(input) {
      const body = encounterResource(input, input.patient.hisId, systems);
      const reply = await client.send('POST', 'Encounter', { body, headers: { ...PREFER, 'if-none-exist': token(systems.visit, input.visitKey) } });
      if (reply.body === undefined) {
        const { encounter, version } = await findEncounter(input.visitKey);
        return encounterRef(encounter, version);
      }
      const encounter = readReply(EncounterReplySchema, reply.body, 'an encounter');
      return encounterRef(encounter, versionOf(reply.headers.etag, encounter.meta));
    },

    async updateEncounter(update) {
      const { encounter, version } = await findEncounter(update.visitKey);
      if (encounter.status === update.status) return encounterRef(encounter, version);
      if (encounter.status === 'cancelled' || encounter.status === 'finished') {
        throw new HisError('permanent', 'HIS_REJECTED', `The encounter is already ${encounter.status} at the HIS`);
      }
      const body = encounterWithStatus(encounter as unknown as Encounter, update.status, update.at);
      const reply = await client.send('PUT', `Encounter/${encounter.id}`, {
        body,
        headers: { ...PREFER, ...(version ? { 'if-match': `W/"${version}"` } : {}) },
      });
      if (reply.body === undefined) return { hisId: encounter.id, version: versionOf(reply.headers.etag, undefined), status: update.status };
      const updated = readReply(EncounterReplySchema, reply.body, 'an encounter');
      return encounterRef(updated, versionOf(reply.headers.etag, updated.meta));
    },

    async recordCoverage(input) {
      const body = coverageResource(input, input.patient.hisId, systems);
      await client.send('PUT', `Coverage?${token(systems.bhyt, input.cardNumber)}`, { body });
    },

    async recordPayment(input) {
      const { encounter } = await findEncounter(input.visitKey);
      const body = paymentNoticeResource(input, encounter.id, systems);
      await client.send('POST', 'PaymentNotice', { body, headers: { 'if-none-exist': token(systems.payment, input.paymentKey) } });
    },

    async reversePayment({ paymentKey }) {
      const search = await client.send('GET', `PaymentNotice?${token(systems.payment, paymentKey)}`);
      const notice = one(searchResults(PaymentNoticeReplySchema, search.body, 'a payment search'), 'payment');
      if (!notice?.id) throw new HisError('permanent', 'HIS_NOT_FOUND', 'The HIS has no payment notice to reverse');
      if (notice.status === REVERSED_NOTICE_STATUS) return;
      const version = versionOf(undefined, notice.meta);
      await client.send('PUT', `PaymentNotice/${notice.id}`, {
        body: { ...notice, status: REVERSED_NOTICE_STATUS },
        headers: { ...PREFER, ...(version ? { 'if-match': `W/"${version}"` } : {}) },
      });
    },

    async clinics(): Promise<HisClinic[]> {
      const reply = await client.send('GET', 'Location?status=active&_count=500');
      return searchResults(LocationReplySchema, reply.body, 'the clinic list').flatMap((location) => {
        const id = identifierValue(location.identifier, systems.clinic);
        if (!id) return [];
        locationIds.set(id, location.id);
        const serviceCode = location.type?.flatMap((type) => type.coding ?? []).find((coding) => coding.system === systems.feeCode)?.code ?? null;
        return [{ id, name: location.name ?? id, room: location.alias?.[0] ?? null, serviceCode }];
      });
    },

    async feeSchedule(): Promise<HisFee[]> {
      const reply = await client.send('GET', 'ChargeItemDefinition?status=active&_count=1000');
      return searchResults(ChargeItemDefinitionReplySchema, reply.body, 'the fee schedule').flatMap((definition) => {
        const coding = definition.code?.coding?.find((c) => c.system === systems.feeCode) ?? definition.code?.coding?.[0];
        const amount = definition.propertyGroup?.flatMap((group) => group.priceComponent ?? []).find((component) => component.type === 'base')?.amount?.value;
        if (!coding?.code || amount === undefined) return [];
        const clinic = definition.useContext?.flatMap((context) => context.valueCodeableConcept?.coding ?? []).find((c) => c.system === systems.clinic)?.code ?? null;
        return [{ code: coding.code, name: coding.display ?? definition.title ?? coding.code, amountVnd: amount, clinicId: clinic }];
      });
    },

    async paymentStatus(visitKey, { ignoring = [] } = {}): Promise<HisPaymentStatus> {
      const { encounter } = await findEncounter(visitKey);
      const ref = encodeURIComponent(`Encounter/${encounter.id}`);
      const [charges, notices] = await Promise.all([client.send('GET', `ChargeItem?context=${ref}`), client.send('GET', `PaymentNotice?request=${ref}`)]);
      const dueVnd = searchResults(ChargeItemReplySchema, charges.body, 'the charges')
        .filter((charge) => charge.status !== 'entered-in-error' && charge.status !== 'not-billable')
        .reduce((sum, charge) => sum + (charge.priceOverride?.value ?? 0), 0);
      const paid = searchResults(PaymentNoticeReplySchema, notices.body, 'the payments').filter(
        (notice) => notice.status === 'active' && !ignoring.includes(identifierValue(notice.identifier, systems.payment) ?? ''),
      );
      const paidVnd = paid.reduce((sum, notice) => sum + (notice.amount.value ?? 0), 0);
      const lastPaidAt = paid.map((notice) => notice.created ?? '').sort().at(-1) || null;
      const state = dueVnd > 0 && paidVnd >= dueVnd ? 'paid' : paidVnd > 0 ? 'partially-paid' : 'unpaid';
      return { visitKey, state, dueVnd, paidVnd, lastPaidAt };
    },

    async ping() {
      const reply = await client.send('GET', 'metadata');
      const capability = readReply(CapabilityReplySchema, reply.body, 'the capability statement');
      return { server: capability.software?.name ?? 'FHIR server', fhirVersion: capability.fhirVersion ?? null };
    },

    close: () => client.close(),
  };
}
