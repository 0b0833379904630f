/**
 * The payment step's costs: making and reading a VietQR, drawing its module
 * matrix (what the renderer does per payment), and a payment's start and
 * confirmation through the service on an encrypted database (with its audit lines).
 */
import { performance } from 'node:perf_hooks';
import QRCode from 'qrcode';
import { createCheckinStore } from '../db/checkin-store.ts';
import { createPaymentRepository } from '../db/payments.ts';
import { openTestDatabase } from '../db/testing/test-database.ts';
import { DEFAULT_PAYMENT_SETTINGS } from '../domain/payment-api.ts';
import { encodeVietQr, parseVietQr } from '../domain/payment/index.ts';
import { createPaymentService } from '../services/payments/payment-service.ts';
import { sized, type Benchmark, type Figures } from './benchmark.ts';
import { percentile, round } from './stats.ts';

const REQUEST = { bankBin: '970436', account: '0011001234567', amount: 150_000, purpose: 'TD A123456 20260302' } as const;

/** Calls per second of `work`, run for at least minMs after a warm-up. */
function perSecond(work: () => unknown, minMs: number): number {
  for (let i = 0; i < 1_000; i++) work();
  let count = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    for (let i = 0; i < 200; i++) work();
    count += 200;
    elapsed = performance.now() - start;
  }
  return (count / elapsed) * 1000;
}

function paymentRoundTrips(payments: number): { startMs: number[]; confirmMs: number[] } {
  using t = openTestDatabase();
  t.db.prepare(
    "INSERT INTO patients (id, full_name, name_search, birth_date, birth_year, sex, created_at, updated_at) VALUES (1, 'A', 'a', '1990', 1990, 'male', '', '')",
  ).run();
  const store = createCheckinStore(t.db);
  const service = createPaymentService({
    store: { ...store, payments: createPaymentRepository(t.db) },
    desk: { id: 'bench', prefix: 'B', name: 'Bench' },
    user: () => 'bench',
    settings: () => ({ ...DEFAULT_PAYMENT_SETTINGS, bankBin: '970436', accountNumber: '0011001234567', fees: { bhyt: 0, 'fee-paying': 150_000, 'on-demand': 300_000 } }),
    statusSource: null,
  });
  const startMs: number[] = [];
  const confirmMs: number[] = [];
  for (let i = 0; i < payments; i++) {
    const visitId = store.visits.insert({
      patientId: 1,
      day: '2026-03-02',
      clinicId: 'K01',
      clinicName: 'K01',
      clinicRoom: null,
      visitType: 'fee-paying',
      priorities: [],
      reason: null,
      referralNumber: null,
      appointmentNumber: null,
      queueNumber: null,
      queueFallback: null,
      status: 'queued',
      desk: 'bench',
    }).id;
    let at = performance.now();
    service.start({ visitId });
    startMs.push(performance.now() - at);
    at = performance.now();
    service.confirm({ visitId, method: 'cash', receiptNumber: `BL-${i}` });
    confirmMs.push(performance.now() - at);
  }
  service.close();
  return { startMs: startMs.sort((a, b) => a - b), confirmMs: confirmMs.sort((a, b) => a - b) };
}

const benchmark: Benchmark = {
  description: 'VietQR encode/parse throughput, QR module matrix per payment, and payment start/confirm latency on the encrypted database',
  async run(options) {
    const minMs = sized(options, 500, 20);
    const payments = sized(options, 300, 20);
    const encoded = encodeVietQr(REQUEST);
    if (!encoded.ok) throw new Error(encoded.error.message);
    const payload = encoded.value;
    const { startMs, confirmMs } = paymentRoundTrips(payments);
    const figures: Figures = {
      payloadLength: payload.length,
      qrVersion: QRCode.create(payload, { errorCorrectionLevel: 'M' }).version,
      encodesPerSecond: Math.round(perSecond(() => encodeVietQr(REQUEST), minMs)),
      parsesPerSecond: Math.round(perSecond(() => parseVietQr(payload), minMs)),
      qrMatricesPerSecond: Math.round(perSecond(() => QRCode.create(payload, { errorCorrectionLevel: 'M' }), minMs)),
      paymentStartP50Ms: round(percentile(startMs, 50), 3),
      paymentStartP95Ms: round(percentile(startMs, 95), 3),
      paymentConfirmP50Ms: round(percentile(confirmMs, 50), 3),
      paymentConfirmP95Ms: round(percentile(confirmMs, 95), 3),
      payments,
    };
    return figures;
  },
};

export default benchmark;
