/**
 * Medplum's in-memory FHIR repository with an identifier index. The stock
 * repository answers every search by walking all resources of the type, so
 * conditional creates grow slower with each patient; a real server indexes
 * `identifier` tokens, and so does this one. Search semantics stay Medplum's:
 * index hits are still checked with `matchesSearchRequest`.
 *
 * The two overridden methods are private in Medplum's typings, hence the
 * runtime patch in the constructor rather than `override`.
 */
import { matchesSearchRequest, Operator, type SearchRequest } from '@medplum/core';
import { MemoryRepository } from '@medplum/fhir-router';
import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';

interface Internals {
  searchSync(request: SearchRequest): Bundle;
  createResourceSync(resource: Resource, options: unknown, update?: boolean): Resource;
}

type StoredResource = Resource & { id: string; identifier?: { system?: string; value?: string }[] };

function identifierKeys(resource: StoredResource): string[] {
  return (resource.identifier ?? []).flatMap((identifier) =>
    identifier.value === undefined ? [] : [`${resource.resourceType}|${identifier.system ?? ''}|${identifier.value}`],
  );
}

/**
 * The index keys a search can use: exactly one `identifier` filter of exact
 * `system|value` tokens, one or several joined by commas (FHIR's OR).
 */
function indexedKeys(request: SearchRequest): string[] | undefined {
  const [filter, ...others] = request.filters ?? [];
  if (!filter || others.length > 0 || filter.code !== 'identifier' || filter.operator !== Operator.EQUALS) return undefined;
  // An escaped comma (\,) belongs to a value: leave such searches to the full walk.
  if (filter.value.includes('\\')) return undefined;
  const keys: string[] = [];
  for (const token of filter.value.split(',')) {
    const bar = token.indexOf('|');
    // "system|" (any value) and "|value" (no system) are not exact tokens: leave them to the full search.
    if (bar <= 0 || bar === token.length - 1) return undefined;
    keys.push(`${request.resourceType}|${token}`);
  }
  return keys;
}

export class IndexedMemoryRepository extends MemoryRepository {
  private readonly byIdentifier = new Map<string, Set<string>>();
  private readonly keysOf = new Map<string, string[]>();

  constructor() {
    super();
    const internals = this as unknown as Internals;
    const searchAll = internals.searchSync.bind(this);
    const create = internals.createResourceSync.bind(this);
    internals.searchSync = (request) => this.searchIndexed(request) ?? searchAll(request);
    internals.createResourceSync = (resource, options, update) => {
      const stored = create(resource, options, update) as StoredResource;
      this.reindex(stored);
      return stored;
    };
  }

  override clear(): void {
    super.clear();
    this.byIdentifier.clear();
    this.keysOf.clear();
  }

  /** How many resources of a type hold this identifier (tests count duplicates with it). */
  countByIdentifier(resourceType: string, system: string, value: string): number {
    return this.byIdentifier.get(`${resourceType}|${system}|${value}`)?.size ?? 0;
  }

  private reindex(resource: StoredResource): void {
    const ref = `${resource.resourceType}/${resource.id}`;
    for (const key of this.keysOf.get(ref) ?? []) this.byIdentifier.get(key)?.delete(ref);
    const keys = identifierKeys(resource);
    for (const key of keys) {
      let refs = this.byIdentifier.get(key);
      if (!refs) this.byIdentifier.set(key, (refs = new Set()));
      refs.add(ref);
    }
    this.keysOf.set(ref, keys);
  }

  private searchIndexed(request: SearchRequest): Bundle | undefined {
    const keys = indexedKeys(request);
    if (keys === undefined) return undefined;
    const refs = new Set(keys.flatMap((key) => [...(this.byIdentifier.get(key) ?? [])]));
    const found: Resource[] = [];
    for (const ref of refs) {
      const [type, id] = ref.split('/') as [string, string];
      const resource = this.resourceOrUndefined(type, id);
      if (resource && matchesSearchRequest(resource, request)) found.push(resource);
    }
    let entries: BundleEntry[] = found.map((resource) => ({ search: { mode: 'match' }, resource: structuredClone(resource) }));
    if (request.offset !== undefined) entries = entries.slice(request.offset);
    if (request.count !== undefined) entries = entries.slice(0, request.count);
    return { resourceType: 'Bundle', type: 'searchset', ...(entries.length ? { entry: entries } : {}), total: found.length };
  }

  private resourceOrUndefined(type: string, id: string): Resource | undefined {
    const resources = (this as unknown as { resources: Map<string, Map<string, Resource>> }).resources;
    return resources.get(type)?.get(id);
  }
}
