/**
 * A full chip read (PACE-CAN, all files, AA, CA, parsing and passive
 * authentication) against the virtual CCCD with a ~18 KB photo, with the card
 * answering in 0 and 5 ms per APDU. The card runs in this process with its own
 * CPU time measured and subtracted, so "host CPU" is the reader's share alone.
 */
import { performance } from 'node:perf_hooks';
import { readChip } from '../native/devicehost/chip-read.ts';
import type { HostCardRead } from '../native/devicehost/protocol.ts';
import { traceTransmit, type ApduTrace } from '../native/emrtd/trace.ts';
import { createCard, type CccdCard } from '../native/sim/cccd-card.ts';
import { buildCardResult } from '../services/card/card-result.ts';
import { CscaStore } from '../native/emrtd/pa/csca-store.ts';
import { sized, type Benchmark, type Figures } from './benchmark.ts';
import { percentile, round } from './stats.ts';

const FULL_READS = 10;
const LATENCIES_MS = [0, 5] as const;
/** Largest plaintext per protected READ BINARY with AES secure messaging (cccd-chip.md §7.1). */
const AES_SM_CHUNK = 0xdf;
const PLAIN_CHUNK = 0x100;

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface ReadFigures {
  totalMs: number;
  apdus: number;
  minimumApdus: number;
  hostCpuMs: number;
  /** File bytes (plaintext) per READ BINARY. */
  bytesPerReadApdu: number;
}

/** The fewest APDUs this content allows: every protocol step as run, plus each file in full-size chunks and no SELECT. */
function minimumApdus(trace: ApduTrace[], read: HostCardRead): number {
  const isFileAccess = (line: ApduTrace) => {
    const [, ins, p1] = line.header.split(' ');
    return ins === 'B0' || ins === 'B1' || (ins === 'A4' && p1 === '02');
  };
  const protocolSteps = trace.filter((line) => !isFileAccess(line)).length;
  const fileReads = Object.entries(read.files).reduce((sum, [name, base64]) => {
    const size = Buffer.from(base64 ?? '', 'base64').length;
    return sum + Math.ceil(size / (name === 'EF.CardAccess' ? PLAIN_CHUNK : AES_SM_CHUNK));
  }, 0);
  return protocolSteps + fileReads;
}

async function oneRead(card: CccdCard, latencyMs: number, trust: CscaStore): Promise<ReadFigures> {
  card.reset?.();
  let cardCpu = 0;
  const trace: ApduTrace[] = [];
  const cardTransmit = async (apdu: Uint8Array) => {
    const before = cpuMs();
    const response = await card.transmit(apdu);
    cardCpu += cpuMs() - before;
    if (latencyMs > 0) await sleep(latencyMs);
    return response;
  };
  const transmit = traceTransmit(cardTransmit, { onApdu: (line) => trace.push(line) });

  const started = performance.now();
  const cpuBefore = cpuMs();
  const outcome = await readChip({ transmit, params: { key: { kind: 'cccd-id', id: card.profile.idNumber }, photo: true }, onProgress: () => {} });
  const read: HostCardRead = { reader: 'bench', atr: '', ...outcome };
  const result = await buildCardResult(read, { trustStore: { store: trust, rejected: [] }, now: new Date() });
  const hostCpuMs = cpuMs() - cpuBefore - cardCpu;
  const totalMs = performance.now() - started;
  if (!result.photo || result.verification.passive.status !== 'valid' || result.verification.active.status !== 'passed') {
    throw new Error(`the read did not verify: ${JSON.stringify(result.verification)}`);
  }
  const readApdus = trace.filter((line) => line.header.split(' ')[1] === 'B0' || line.header.split(' ')[1] === 'B1');
  const readBytes = Object.values(read.files).reduce((sum, base64) => sum + Buffer.from(base64 ?? '', 'base64').length, 0);
  return {
    totalMs,
    apdus: trace.length,
    minimumApdus: minimumApdus(trace, read),
    hostCpuMs,
    bytesPerReadApdu: readBytes / Math.max(1, readApdus.length),
  };
}

const median = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);

const benchmark: Benchmark = {
  description: `full CCCD read (PACE-CAN, COM, DG1, DG13, SOD, DG14+CA, DG15+AA, DG2 ~18 KB, parse, PA), ${FULL_READS} reads at each of ${LATENCIES_MS.join(' and ')} ms per APDU`,
  async run(options) {
    const READS = sized(options, FULL_READS, 2);
    const card = await createCard({});
    const trust = new CscaStore();
    trust.addBytes(card.pki.cscaCertificatePem);
    await oneRead(card, 0, trust); // warm-up: JIT, WASM and crypto initialisation

    const figures: Figures = { photoBytes: card.files.get('DG2')?.length ?? 0 };
    for (const latency of LATENCIES_MS) {
      const runs: ReadFigures[] = [];
      for (let i = 0; i < READS; i++) runs.push(await oneRead(card, latency, trust));
      const prefix = `at${latency}ms`;
      figures[`${prefix}TotalMsP50`] = round(median(runs.map((r) => r.totalMs)), 1);
      figures[`${prefix}TotalMsMax`] = round(Math.max(...runs.map((r) => r.totalMs)), 1);
      figures[`${prefix}HostCpuMsP50`] = round(median(runs.map((r) => r.hostCpuMs)), 1);
      figures[`${prefix}Apdus`] = runs[0]?.apdus ?? 0;
      figures[`${prefix}MinimumApdus`] = runs[0]?.minimumApdus ?? 0;
      figures[`${prefix}ApduRatio`] = round((runs[0]?.apdus ?? 0) / Math.max(1, runs[0]?.minimumApdus ?? 1), 3);
      figures[`${prefix}BytesPerReadApdu`] = round(runs[0]?.bytesPerReadApdu ?? 0, 1);
    }
    return figures;
  },
};

export default benchmark;
