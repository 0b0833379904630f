import QRCode from 'qrcode';
import { useMemo } from 'react';

interface PaymentQrProps {
  payload: string;
  /** What a screen reader says for the code. */
  label: string;
}

/** The EMVCo spec and ISO 18004 ask for a quiet zone of at least 4 modules around the code. */
const QUIET_ZONE = 4;

/**
 * The VietQR as an SVG of its modules: black on white with the quiet zone,
 * sharp at any size, drawn synchronously (no canvas, nothing to wait for).
 * Error correction M, as the banks' own apps make VietQR codes.
 */
export function PaymentQr({ payload, label }: PaymentQrProps) {
  const drawn = useMemo(() => modulesPath(payload), [payload]);
  if (!drawn) return null;
  return (
    <svg
      className="payment__qr"
      data-testid="payment-qr"
      data-payload={payload}
      viewBox={`0 0 ${drawn.size} ${drawn.size}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
    >
      <rect width={drawn.size} height={drawn.size} fill="#ffffff" />
      <path d={drawn.d} fill="#000000" />
    </svg>
  );
}

/** One path of horizontal runs of dark modules, offset by the quiet zone. */
export function modulesPath(payload: string): { size: number; d: string } | undefined {
  let qr: QRCode.QRCode;
  try {
    qr = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  } catch {
    return undefined;
  }
  const { size, data } = qr.modules;
  const parts: string[] = [];
  for (let row = 0; row < size; row += 1) {
    let column = 0;
    while (column < size) {
      if (!data[row * size + column]) {
        column += 1;
        continue;
      }
      const start = column;
      while (column < size && data[row * size + column]) column += 1;
      parts.push(`M${start + QUIET_ZONE} ${row + QUIET_ZONE}h${column - start}v1h-${column - start}z`);
    }
  }
  return { size: size + QUIET_ZONE * 2, d: parts.join('') };
}
