import { performance } from 'node:perf_hooks';
import { hashPin, verifyPin } from '../services/admin/pin-hash.ts';
import { createLogger } from '../services/log.ts';
import { sized, type Benchmark } from './benchmark.ts';
import { percentile, round } from './stats.ts';

const FULL_LINES = 50_000;

/** Log lines as the app writes them: most carry no personal data; a few would without redaction. */
const SAMPLES: Array<[string, Record<string, unknown>]> = [
  ['apdu', { component: 'card', ins: 'B0', sw: '9000', ms: 38, length: 223 }],
  ['device host state', { component: 'devicehost', state: 'running', restarts: 0, pid: 41234 }],
  ['scan received', { component: 'scanning', scanner: 'serial:/dev/ttyACM0', kind: 'cccd', length: 96 }],
  ['lookup of 001090012345 failed for Nguyễn Văn An', { component: 'api', phone: '0912345678', query: 'DN4797912345678' }],
  ['handler failed', { method: 'patients.save', error: new Error('constraint failed: 079303001234||Tran Thi Bich|21032003|Nu|12 Le Loi|14082021') }],
];

const benchmark: Benchmark = {
  description: `${FULL_LINES} structured log lines through the PII redaction; the admin PIN's scrypt hash and check`,
  async run(options) {
    const LINES = sized(options, FULL_LINES, 2_000);
    const PIN_TRIES = sized(options, 10, 2);
    let bytes = 0;
    const log = createLogger((line) => {
      bytes += line.length;
    }, 'debug');
    const perLine: number[] = [];
    const start = performance.now();
    for (let i = 0; i < LINES; i++) {
      const [msg, fields] = SAMPLES[i % SAMPLES.length]!;
      const s = performance.now();
      log.info(msg, fields);
      perLine.push(performance.now() - s);
    }
    const seconds = (performance.now() - start) / 1000;

    const hashMs: number[] = [];
    const verifyMs: number[] = [];
    for (let i = 0; i < PIN_TRIES; i++) {
      let s = performance.now();
      const stored = await hashPin('482613');
      hashMs.push(performance.now() - s);
      s = performance.now();
      await verifyPin('000000', stored);
      verifyMs.push(performance.now() - s);
    }

    for (const samples of [perLine, hashMs, verifyMs]) samples.sort((a, b) => a - b);
    return {
      linesPerSecond: Math.round(LINES / seconds),
      lineP50Us: round(percentile(perLine, 50) * 1000, 1),
      lineP99Us: round(percentile(perLine, 99) * 1000, 1),
      averageLineBytes: Math.round(bytes / LINES),
      pinHashP50Ms: round(percentile(hashMs, 50), 1),
      pinCheckP50Ms: round(percentile(verifyMs, 50), 1),
      pinGuessesPerSecondPerCore: Math.round(1000 / percentile(verifyMs, 50)),
    };
  },
};

export default benchmark;
