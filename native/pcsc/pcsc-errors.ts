/**
 * The binding reports failures as plain Errors whose message is pcsc-lite's
 * text for the SCARD_* code; these map them to what the rest of the app acts on.
 */

const SERVICE_DOWN = ['PC/SC service not running', 'PC/SC service stopped', 'Communication error', 'Invalid handle'];
const CARD_GONE = ['Card was removed', 'No smart card present'];

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** True when the daemon is gone (never started, stopped, or restarted under us). */
export function isServiceDown(error: unknown): boolean {
  return SERVICE_DOWN.includes(messageOf(error));
}

export function isCardGone(error: unknown): boolean {
  return CARD_GONE.includes(messageOf(error));
}

export function isUnknownReader(error: unknown): boolean {
  return messageOf(error) === 'Unknown reader';
}

/** A sentence for IT staff: what is wrong with PC/SC as a whole. */
export function describeServiceFailure(error: unknown): string {
  if (isServiceDown(error)) return 'The PC/SC service (pcscd) is not running';
  return `PC/SC is not answering: ${messageOf(error)}`;
}

export { messageOf as pcscErrorMessage };
