import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../../domain/api.ts';
import type { VisitCreateResult } from '../../../domain/visit-api.ts';
import { AfterTicket } from '../checkin/AfterTicket.tsx';
import { TicketQr } from './TicketQr.tsx';

interface IssuedTicketProps {
  client: ApiClient;
  result: VisitCreateResult;
  active: boolean;
  autoPrint: boolean | undefined;
  onNewVisit: () => void;
  onFinished: () => void;
}

/** The issued number's ticket, then printing, the identity check and payment. */
export function IssuedTicket({ client, result, active, autoPrint, onNewVisit, onFinished }: IssuedTicketProps) {
  const { t } = useTranslation();
  const { visit, ticket } = result;
  return (
    <section className="visit" data-testid="visit-section" aria-label={t('visit.title')}>
      <h3 className="visit__title">{t('visit.ticketTitle')}</h3>
      <div className="ticket" data-testid="visit-ticket" data-queue-number={visit.queueNumber.display}>
        {ticket.blocks.map((block, index) =>
          block.kind === 'rule' ? (
            <hr key={index} className="ticket__rule" />
          ) : block.kind === 'qr' ? (
            <TicketQr key={index} payload={block.payload} caption={block.caption} />
          ) : (
            <p
              key={index}
              className={`ticket__line ticket__line--${block.size} ticket__line--${block.align}${block.bold ? ' ticket__line--bold' : ''}`}
              data-testid={block.size === 'huge' ? 'visit-queue-number' : undefined}
            >
              {block.text}
            </p>
          ),
        )}
      </div>
      <AfterTicket client={client} visit={visit} active={active} autoPrint={autoPrint} onNewVisit={onNewVisit} onFinished={onFinished} />
    </section>
  );
}
