/**
 * Codes of health facilities (mã cơ sở KCB, e.g. the registered facility, nơi
 * ĐKKCB ban đầu): 2-digit province + 3 letters or digits. The BHYT QR prints
 * them as "79 - 032"; the gateway and XML use "79032". They are opaque: whether
 * a code exists is a lookup in the facility list, not arithmetic.
 */
const FACILITY_CODE = /^\d{2}[0-9A-Z]{3}$/;

/** "79 - 032", "79–032", "79032" → "79032"; null when it is not that shape. */
export function normaliseFacilityCode(text: string): string | null {
  const compact = text.replace(/[\s\-–—_.]/g, '').toUpperCase();
  return FACILITY_CODE.test(compact) ? compact : null;
}
