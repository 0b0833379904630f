import { crc16CcittFalse } from '../crc16.ts';

/** Hand-built payload pieces for tests, independent of the encoder. */

export function tlv(id: string, value: string): string {
  return `${id}${String(value.length).padStart(2, '0')}${value}`;
}

/** Appends ID 63 with the CRC of everything before it. */
export function withCrc(body: string): string {
  const beforeCrc = `${body}6304`;
  return beforeCrc + crc16CcittFalse(beforeCrc);
}

export function napasAccount(bin: string, account: string, service: string | null = 'QRIBFTTA'): string {
  const template = tlv('00', 'A000000727') + tlv('01', tlv('00', bin) + tlv('01', account));
  return tlv('38', service === null ? template : template + tlv('02', service));
}

/** A static VietQR body (no CRC) around a given ID 38 data object, or around anything put in its place. */
export function bodyAround(merchantAccount: string): string {
  return `${tlv('00', '01')}${tlv('01', '11')}${merchantAccount}${tlv('53', '704')}${tlv('58', 'VN')}`;
}

/** A valid static VietQR body (no CRC) to a made-up account, with `middle` inserted before the currency. */
export function staticBody(middle = '', tail = ''): string {
  const head = tlv('00', '01') + tlv('01', '11') + napasAccount('970436', '0123456789');
  return `${head}${middle}${tlv('53', '704')}${tlv('58', 'VN')}${tail}`;
}
