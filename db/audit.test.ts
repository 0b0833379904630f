import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAuditLog } from './audit.ts';
import { openTestDatabase } from './testing/test-database.ts';

describe('audit log', () => {
  it('appends entries and answers by patient and by time, newest first', () => {
    using t = openTestDatabase();
    let now = new Date('2026-03-02T01:00:00Z');
    const audit = createAuditLog(t.db, () => now);
    audit.append({ desk: 'A', user: 'lan', action: 'patient.search', detail: { kind: 'name', results: 2 } });
    now = new Date('2026-03-02T01:01:00Z');
    audit.append({ desk: 'A', user: 'lan', action: 'patient.open', patientId: 5 });
    now = new Date('2026-03-02T01:02:00Z');
    audit.append({ desk: 'B', user: 'minh', action: 'patient.update', patientId: 6 });

    assert.deepEqual(audit.query({ patientId: 5 }), [
      { id: 2, at: '2026-03-02T01:01:00.000Z', desk: 'A', user: 'lan', action: 'patient.open', patientId: 5, detail: {} },
    ]);
    assert.deepEqual(audit.query().map((e) => e.action), ['patient.update', 'patient.open', 'patient.search']);
    assert.deepEqual(audit.query({ from: '2026-03-02T01:00:30Z', to: '2026-03-02T01:02:00Z' }).map((e) => e.id), [2]);
    assert.deepEqual(audit.query()[2]?.detail, { kind: 'name', results: 2 });
  });
});
