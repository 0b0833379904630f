/**
 * What the card says to each vpcd message. A one-byte payload is a control byte
 * (only "get ATR" is answered); anything longer is a C-APDU.
 */
import type { CardBehaviour } from './card.ts';

export const VPCD_POWER_OFF = 0x00;
export const VPCD_POWER_ON = 0x01;
export const VPCD_RESET = 0x02;
export const VPCD_GET_ATR = 0x04;

const SW_NO_PRECISE_DIAGNOSIS = Uint8Array.of(0x6f, 0x00);

/** The payload to send back, or undefined when vpcd expects no reply. */
export async function answerVpcd(card: CardBehaviour, payload: Uint8Array): Promise<Uint8Array | undefined> {
  if (payload.length === 1) {
    switch (payload[0]) {
      case VPCD_POWER_OFF:
        card.powerOff?.();
        return undefined;
      case VPCD_POWER_ON:
      case VPCD_RESET:
        card.reset?.();
        return undefined;
      case VPCD_GET_ATR:
        return card.atr;
      default:
        return undefined;
    }
  }
  try {
    return await card.transmit(payload);
  } catch {
    // A card that throws still owes the reader an answer, or pcscd waits forever.
    return SW_NO_PRECISE_DIAGNOSIS;
  }
}
