/**
 * ICAO 9303 for the chip ID card, with no I/O of its own: every protocol is
 * given a Transmit. Layers: apdu → sm → bac, pace (the file layer and passive
 * authentication build on these).
 */
export { EmrtdError, isEmrtdError, type EmrtdErrorKind } from './errors.ts';
export {
  decodeCommand,
  describeSw,
  encodeCommand,
  encodeResponse,
  isAccessDenial,
  isSuccess,
  parseResponse,
  requireSuccess,
  sendCommand,
  statusError,
  SW,
  type CommandApdu,
  type DecodedCommandApdu,
  type ResponseApdu,
  type Transmit,
} from './apdu.ts';
export { traceTransmit, type ApduTrace, type TraceOptions } from './trace.ts';
export {
  childrenOf,
  decodeFirstTlv,
  decodeTlv,
  decodeTlvAt,
  decodeTlvList,
  encodeConstructed,
  encodeTlv,
  findTlv,
  requireTlv,
  type Tlv,
} from './tlv.ts';
export { SecureChannel } from './sm/secure-channel.ts';
export type { SessionKeys } from './sm/session-keys.ts';
export { performBac } from './bac/bac.ts';
export { deriveBacKeys, mrzCheckDigit, mrzInformation, type BacKeys, type MrzKey } from './bac/mrz-key.ts';
export { cccdBacKeys, cccdCan, cccdDocumentNumber, cccdExpiryCandidates, type CardGeneration } from './cccd-access.ts';
export { performPace, type PaceOptions, type PaceResult } from './pace/pace.ts';
export type { PacePassword } from './pace/password.ts';
export { CCCD_CARD_ACCESS, choosePaceInfo, isSupportedPaceInfo, parseCardAccess, type CardAccess, type PaceInfo } from './pace/card-access.ts';
export { STANDARD_CURVE_IDS } from './pace/curves.ts';
