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
// LDS files and passive authentication (pure: given bytes, no I/O).
export { dataGroupOfTag, dataGroupTag, EF_COM_TAG, EF_SOD_TAG } from './lds/tags.ts';
export { parseEfCom, type EfCom } from './lds/ef-com.ts';
export { parseMrz, splitMrzName, type Mrz, type MrzCheck, type MrzCheckedField, type MrzFormat, type MrzSex } from './lds/mrz.ts';
export { parseDg1, type Dg1 } from './lds/dg1.ts';
export { parseDg2, type Dg2, type FaceImage } from './lds/dg2.ts';
export { detectImageFormat, isJpeg2000, type ImageMimeType } from './lds/image-format.ts';
export { decodeJpeg2000, jpeg2000ToPng, type DecodedImage } from './lds/jpeg2000.ts';
export { DG13_FIELDS, parseDg13, parseDg13Date, type Dg13, type Dg13Date, type Dg13RawField } from './lds/dg13.ts';
export {
  parseDg14,
  type ActiveAuthenticationInfo,
  type ChipAuthenticationInfo,
  type ChipAuthenticationPublicKeyInfo,
  type Dg14,
  type TerminalAuthenticationInfo,
} from './lds/dg14.ts';
export { parseDg15, type Dg15 } from './lds/dg15.ts';
export { describePublicKey, type PublicKeyDescription } from './lds/public-key.ts';
export { parseLdsSecurityObject, parseSod, type LdsSecurityObject, type SignerIdentifier, type Sod, type SodSignerInfo } from './lds/sod.ts';
export type { HashName } from './lds/hash-algorithms.ts';
export { crossCheckDg1Dg13, foldVietnameseName, type CrossCheckField, type CrossCheckWarning } from './lds/cross-check.ts';
export { CscaStore, createCscaStore, parseCertificates, parseMasterList } from './pa/csca-store.ts';
export { VIETNAM_CSCA_ANCHORS } from './pa/anchors/index.ts';
export {
  passiveAuthentication,
  type CertificateCheck,
  type DataGroupHashStatus,
  type PassiveAuthenticationInput,
  type PassiveAuthenticationResult,
  type PassiveAuthenticationStatus,
} from './pa/passive-authentication.ts';
export { readDocument, DEFAULT_DATA_GROUPS } from './read/document-reader.ts';
export type {
  CardAccessSource,
  DocumentReadResult,
  ReadDocumentOptions,
  ReadProgress,
  ReadStep,
  SkippedFile,
  SkipReason,
  StepTiming,
} from './read/document-reader.ts';
export type { AccessKey, AccessProtocol } from './read/access.ts';
export { FileReader, type FileProgress, type FileReaderOptions, type ReadFileResult } from './read/file-reader.ts';
export { ReaderChannel } from './read/channel.ts';
export { dataGroupFile, EF_CARD_ACCESS, EF_COM, EF_SOD, type EfReference, type LdsFileName } from './read/files.ts';
export {
  performActiveAuthentication,
  verifyActiveAuthentication,
  type ActiveAuthenticationInput,
  type ActiveAuthenticationResult,
  type AuthenticationStatus,
} from './read/active-authentication.ts';
export {
  CA_ECDH_3DES_CBC_CBC,
  CA_ECDH_AES_CBC_CMAC_128,
  CA_ECDH_AES_CBC_CMAC_192,
  CA_ECDH_AES_CBC_CMAC_256,
  chipAuthenticate,
  performChipAuthentication,
  type ChipAuthenticationInput,
  type ChipAuthenticationResult,
} from './read/chip-authentication.ts';
