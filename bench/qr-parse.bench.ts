import { performance } from 'node:perf_hooks';
import { staticBody, withCrc } from '../domain/payment/testing/payloads.ts';
import { readScanText } from '../services/scanning/read-scan-text.ts';
import { sized, type Benchmark, type Figures } from './benchmark.ts';
import { round } from './stats.ts';

/** Test data, not people. */
const PAYLOADS = {
  cccd: '001190012345|123456789|Nguyễn Thị Thử Nghiệm|01011990|Nữ|Số 1 Phố Thử, Phường Điện Biên, Ba Đình, Hà Nội|15082021',
  bhyt: 'DN4010123456789|4E677579E1BB856E2056C4836E20416E|15/08/1990|1|53E1BB912031205068E1BB91204875E1BABF|01 - 001|01/01/2025|31/12/2025|20/12/2024|01010123456789|-|4|01/01/2030|0000000000000000-0000|$',
  vietqr: withCrc(staticBody()),
  unknown: 'https://example.com/not-a-document?id=42',
} as const;

/** Parses one payload over and over for at least minMs, as the services do for each scan (detection, parser, event fields). */
function throughput(payload: string, minMs: number): { perSecond: number; microsPerParse: number } {
  const today = { precision: 'day', year: 2026, month: 3, day: 2 } as const;
  for (let i = 0; i < 2_000; i++) readScanText(payload, { today });
  let count = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 1_000; i++) readScanText(payload, { today });
    count += 1_000;
    elapsed = performance.now() - start;
  }
  return { perSecond: (count / elapsed) * 1000, microsPerParse: (elapsed * 1000) / count };
}

const benchmark: Benchmark = {
  description: 'scan parsing throughput (kind detection and the CCCD, BHYT or VietQR parser) per payload kind',
  async run(options) {
    const minMs = sized(options, 500, 20);
    const figures: Figures = {};
    for (const [kind, payload] of Object.entries(PAYLOADS)) {
      const { perSecond, microsPerParse } = throughput(payload, minMs);
      figures[`${kind}ParsesPerSecond`] = Math.round(perSecond);
      figures[`${kind}MicrosPerParse`] = round(microsPerParse, 2);
    }
    return figures;
  },
};

export default benchmark;
