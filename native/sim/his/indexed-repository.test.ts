import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MemoryRepository } from '@medplum/fhir-router';
import type { Patient } from '@medplum/fhirtypes';
import { loadFhirDefinitions } from './fhir-server.ts';
import { IndexedMemoryRepository } from './indexed-repository.ts';

describe('indexed FHIR repository', () => {
  it('answers identifier searches, one token or several joined by commas, as the full walk does', async () => {
    loadFhirDefinitions();
    const indexed = new IndexedMemoryRepository();
    const plain = new MemoryRepository();
    for (const repo of [indexed, plain]) {
      const held: [string, string][] = [['urn:cccd', '001'], ['urn:bhxh', '002'], ['urn:cccd', '003']];
      for (const [system, value] of held) {
        await repo.createResource<Patient>({ resourceType: 'Patient', id: `${system.slice(4)}-${value}`, identifier: [{ system, value }] });
      }
    }
    const queries = ['urn:cccd|001', 'urn:cccd|001,urn:bhxh|002,urn:local|none', 'urn:bhxh|001', 'urn:cccd|', 'urn:cccd|003,urn:cccd|003'];
    for (const value of queries) {
      const request = { resourceType: 'Patient' as const, filters: [{ code: 'identifier', operator: 'eq' as never, value }] };
      const ids = async (repo: MemoryRepository) => (await repo.searchResources<Patient>(request)).map((p) => p.id).sort();
      assert.deepEqual(await ids(indexed), await ids(plain), value);
    }
    assert.deepEqual(
      (await indexed.searchResources<Patient>({ resourceType: 'Patient', filters: [{ code: 'identifier', operator: 'eq' as never, value: 'urn:cccd|001,urn:bhxh|002' }] })).map((p) => p.id).sort(),
      ['bhxh-002', 'cccd-001'],
    );
  });
});
