/**
 * DG2, the encoded face (ICAO 9303-10 §4.7.2): 75 { 7F61 { 02 count, 7F60 {
 * A1 header, 5F2E|7F2E biometric data block } … } }. The data block is an
 * ISO/IEC 19794-5:2005 facial record: "FAC\0" "010\0", record length (4),
 * face count (2); per face a 20-byte facial information block, 8 bytes per
 * feature point, a 12-byte image information block (image data type at byte
 * 1: 0 JPEG, 1 JPEG 2000; width, height), then the image. When the record
 * header is not what it should be, the image is found by its magic bytes.
 */
import { EmrtdError } from '../errors.ts';
import { childrenOf, findTlv, type Tlv } from '../tlv.ts';
import { detectImageFormat, findImageStart, type ImageMimeType } from './image-format.ts';
import { dataGroupTag, decodeLdsFile } from './tags.ts';

export interface FaceImage {
  /** From the image's own magic bytes; the record's image data type only when the bytes say nothing. */
  mimeType: ImageMimeType | 'application/octet-stream';
  image: Uint8Array;
  width: number | undefined;
  height: number | undefined;
  /** The record's image data type (0 JPEG, 1 JPEG 2000), when the record was readable. */
  imageDataType: number | undefined;
  /** How the image was found: through the ISO 19794-5 record, or by scanning for magic bytes. */
  source: 'iso19794-5' | 'magic-scan';
}

export interface Dg2 {
  /** The instance count the group declares. */
  declaredCount: number | undefined;
  faces: FaceImage[];
}

const FACIAL_HEADER = [0x46, 0x41, 0x43, 0x00]; // "FAC\0"
const GENERAL_HEADER_LENGTH = 14;
const FACIAL_INFO_LENGTH = 20;
const FEATURE_POINT_LENGTH = 8;
const IMAGE_INFO_LENGTH = 12;

function malformed(message: string): EmrtdError {
  return new EmrtdError('lds-malformed', `DG2: ${message}`);
}

const u16 = (bytes: Uint8Array, at: number) => ((bytes[at] ?? 0) << 8) | (bytes[at + 1] ?? 0);
const u32 = (bytes: Uint8Array, at: number) => u16(bytes, at) * 0x10000 + u16(bytes, at + 2);

function mimeOfDataType(dataType: number): ImageMimeType | 'application/octet-stream' {
  return dataType === 0 ? 'image/jpeg' : dataType === 1 ? 'image/jp2' : 'application/octet-stream';
}

/** The first face of an ISO 19794-5 record, or undefined when the record is not one this reads. */
function faceFromRecord(block: Uint8Array): FaceImage | undefined {
  if (block.length < GENERAL_HEADER_LENGTH + FACIAL_INFO_LENGTH + IMAGE_INFO_LENGTH) return undefined;
  if (!FACIAL_HEADER.every((byte, i) => block[i] === byte)) return undefined;
  const faceStart = GENERAL_HEADER_LENGTH;
  const faceLength = u32(block, faceStart);
  const featurePoints = u16(block, faceStart + 4);
  const infoStart = faceStart + FACIAL_INFO_LENGTH + featurePoints * FEATURE_POINT_LENGTH;
  const imageStart = infoStart + IMAGE_INFO_LENGTH;
  if (imageStart > block.length) return undefined;
  const imageEnd = Math.min(block.length, faceStart + faceLength > imageStart ? faceStart + faceLength : block.length);
  const image = block.slice(imageStart, imageEnd);
  const dataType = block[infoStart + 1] as number;
  const detected = detectImageFormat(image);
  if (detected === undefined && dataType > 1) return undefined;
  return {
    mimeType: detected ?? mimeOfDataType(dataType),
    image,
    width: u16(block, infoStart + 2),
    height: u16(block, infoStart + 4),
    imageDataType: dataType,
    source: 'iso19794-5',
  };
}

function faceByScan(bytes: Uint8Array): FaceImage | undefined {
  const found = findImageStart(bytes);
  if (found === undefined) return undefined;
  return { mimeType: found.mime, image: bytes.slice(found.offset), width: undefined, height: undefined, imageDataType: undefined, source: 'magic-scan' };
}

function dataBlockOf(instance: Tlv): Uint8Array | undefined {
  if (!instance.constructed) return undefined;
  const children = childrenOf(instance);
  return (findTlv(children, 0x5f2e) ?? findTlv(children, 0x7f2e))?.value;
}

export function parseDg2(bytes: Uint8Array): Dg2 {
  const outer = decodeLdsFile(bytes, dataGroupTag(2), 'DG2');
  const group = findTlv(childrenOf(outer), 0x7f61);
  if (group === undefined) throw malformed('no biometric information group template (7F61)');
  const children = childrenOf(group);
  const countTlv = findTlv(children, 0x02);
  const declaredCount = countTlv?.value.length === 1 ? countTlv.value[0] : undefined;
  const faces: FaceImage[] = [];
  for (const instance of children.filter((child) => child.tag === 0x7f60)) {
    const block = dataBlockOf(instance);
    if (block === undefined) continue;
    const face = faceFromRecord(block) ?? faceByScan(block);
    if (face !== undefined) faces.push(face);
  }
  if (faces.length === 0) {
    const scanned = faceByScan(group.value);
    if (scanned === undefined) throw malformed('no face image found');
    faces.push(scanned);
  }
  return { declaredCount, faces };
}
