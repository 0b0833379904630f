import QRCode from 'qrcode';
import { useMemo } from 'react';

interface TicketQrProps {
  payload: string;
  caption: string;
  forPrint?: boolean;
}

/**
 * The ticket's QR code as an SVG of its modules: sharp on an 80 mm thermal
 * printer at any resolution, drawn synchronously so printing never races it.
 */
export function TicketQr({ payload, caption, forPrint = false }: TicketQrProps) {
  const path = useMemo(() => modulesPath(payload), [payload]);
  return (
    <figure className="ticket__qr" data-payload={forPrint ? undefined : payload} data-testid={forPrint ? undefined : 'ticket-qr'}>
      {path && (
        <svg className="ticket__qr-code" viewBox={`0 0 ${path.size} ${path.size}`} role="img" aria-label={caption} shapeRendering="crispEdges">
          <rect width={path.size} height={path.size} fill="#ffffff" />
          <path d={path.d} fill="#000000" />
        </svg>
      )}
      <figcaption>{caption}</figcaption>
    </figure>
  );
}

const QUIET_ZONE = 4;

function modulesPath(payload: string): { size: number; d: string } | undefined {
  let qr: QRCode.QRCode;
  try {
    qr = QRCode.create(payload, { errorCorrectionLevel: 'M' });
  } catch {
    return undefined;
  }
  const { size, data } = qr.modules;
  const parts: string[] = [];
  for (let row = 0; row < size; row += 1) {
    for (let column = 0; column < size; column += 1) {
      if (data[row * size + column]) parts.push(`M${column + QUIET_ZONE} ${row + QUIET_ZONE}h1v1h-1z`);
    }
  }
  return { size: size + QUIET_ZONE * 2, d: parts.join('') };
}
