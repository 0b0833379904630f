import { performance } from 'node:perf_hooks';
import { buildXml0 } from '../domain/xml130/index.ts';
import { SAMPLE_SOURCE } from '../domain/xml130/testing.ts';
import { sized, type Benchmark, type Figures } from './benchmark.ts';
import { percentile, round } from './stats.ts';

const FULL_RECORDS = 5_000;

/**
 * Builds the XML0 record of the synthetic sample visit (mapping, the table
 * check, xmlbuilder2 writing), as an export or a check-in submission does.
 */
const benchmark: Benchmark = {
  description: `XML0 check-in record: ${FULL_RECORDS} records built (map, check, write), per-record latency`,
  async run(options) {
    const RECORDS = sized(options, FULL_RECORDS, 200);
    for (let i = 0; i < 300; i++) buildXml0(SAMPLE_SOURCE);
    const samples: number[] = [];
    let bytes = 0;
    const start = performance.now();
    for (let i = 0; i < RECORDS; i++) {
      const before = performance.now();
      const result = buildXml0({ ...SAMPLE_SOURCE, linkKey: `01013_2025_01_A_${i + 1}` });
      samples.push(performance.now() - before);
      if (!result.ok) throw new Error('the sample visit must build');
      bytes += result.value.xml.length;
    }
    const elapsed = performance.now() - start;
    samples.sort((a, b) => a - b);
    const figures: Figures = {
      records: RECORDS,
      recordsPerSecond: Math.round((RECORDS / elapsed) * 1000),
      p50Ms: round(percentile(samples, 50)),
      p99Ms: round(percentile(samples, 99)),
      maxMs: round(samples.at(-1) ?? Number.NaN),
      charsPerRecord: Math.round(bytes / RECORDS),
    };
    return figures;
  },
};

export default benchmark;
