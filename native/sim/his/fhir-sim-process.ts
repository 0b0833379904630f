/**
 * The FHIR simulator in a process of its own (forked with IPC), so tests and
 * benchmarks can kill the desk side without losing the HIS, and measure the
 * desk's CPU apart from the server's. Sends { url } when listening; answers
 * { type: 'count', resourceType, system } with how many resources hold an
 * identifier of that system and how many distinct values they hold, and
 * { type: 'cpu' } with the CPU time it has used.
 */
import { startFhirSim } from './fhir-server.ts';

export type SimProcessRequest = { type: 'count'; id: number; resourceType: string; system: string } | { type: 'cpu'; id: number };
export type SimProcessMessage =
  | { type: 'ready'; url: string }
  | { type: 'count'; id: number; resources: number; distinct: number }
  | { type: 'cpu'; id: number; cpuMs: number };

const port = Number(process.env['TIEPDON_SIM_HIS_PORT'] ?? 0);
const sim = await startFhirSim({ port });

process.on('message', (raw: SimProcessRequest) => {
  if (raw?.type === 'cpu') {
    const { user, system } = process.cpuUsage();
    process.send?.({ type: 'cpu', id: raw.id, cpuMs: (user + system) / 1000 } satisfies SimProcessMessage);
    return;
  }
  if (raw?.type !== 'count') return;
  void sim.repo.searchResources({ resourceType: raw.resourceType as 'Patient', count: 1_000_000 }).then((resources) => {
    const values = resources.flatMap((r) => ((r as { identifier?: { system?: string; value?: string }[] }).identifier ?? []).filter((i) => i.system === raw.system).map((i) => i.value));
    const holders = resources.filter((r) => ((r as { identifier?: { system?: string }[] }).identifier ?? []).some((i) => i.system === raw.system));
    process.send?.({ type: 'count', id: raw.id, resources: holders.length, distinct: new Set(values).size } satisfies SimProcessMessage);
  });
});
process.on('disconnect', () => void sim.stop().then(() => process.exit(0)));
process.send?.({ type: 'ready', url: sim.url } satisfies SimProcessMessage);
