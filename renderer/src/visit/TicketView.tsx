import type { TicketBlock } from '../../../domain/checkin/index.ts';
import { TicketQr } from './TicketQr.tsx';

interface TicketViewProps {
  blocks: readonly TicketBlock[];
  queueNumber: string;
  /** The copy that goes to the printer carries no test ids: the screen's copy is the one tests read. */
  forPrint?: boolean;
}

/** The ticket as laid out for 80 mm paper: on screen for the clerk, and the copy the printer gets. */
export function TicketView({ blocks, queueNumber, forPrint = false }: TicketViewProps) {
  return (
    <div className="ticket" data-testid={forPrint ? undefined : 'visit-ticket'} data-queue-number={queueNumber}>
      {blocks.map((block, index) =>
        block.kind === 'rule' ? (
          <hr key={index} className="ticket__rule" />
        ) : block.kind === 'qr' ? (
          <TicketQr key={index} payload={block.payload} caption={block.caption} forPrint={forPrint} />
        ) : (
          <p
            key={index}
            className={`ticket__line ticket__line--${block.size} ticket__line--${block.align}${block.bold ? ' ticket__line--bold' : ''}`}
            data-testid={!forPrint && block.size === 'huge' ? 'visit-queue-number' : undefined}
          >
            {block.text}
          </p>
        ),
      )}
    </div>
  );
}
