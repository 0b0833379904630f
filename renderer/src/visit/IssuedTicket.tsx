import { useTranslation } from 'react-i18next';
import type { ApiClient } from '../../../domain/api.ts';
import type { CheckinConfig, NumberedVisit } from '../../../domain/checkin/index.ts';
import type { VisitCreateResult } from '../../../domain/visit-api.ts';
import { AfterTicket } from '../checkin/AfterTicket.tsx';
import { PrintedTicket } from './PrintedTicket.tsx';
import { TicketView } from './TicketView.tsx';

interface IssuedTicketProps {
  client: ApiClient;
  result: VisitCreateResult;
  active: boolean;
  numbered: NumberedVisit;
  /** The desk's check-in settings; undefined while they load. */
  config: CheckinConfig | undefined;
  onNewVisit: () => void;
  onFinished: () => void;
}

/** The issued number's ticket, then printing, the identity check and payment. */
export function IssuedTicket({ client, result, active, numbered, config, onNewVisit, onFinished }: IssuedTicketProps) {
  const { t } = useTranslation();
  const { visit, ticket } = result;
  return (
    <section className="visit" data-testid="visit-section" aria-label={t('visit.title')}>
      <h3 className="visit__title">{t('visit.ticketTitle')}</h3>
      <TicketView blocks={ticket.blocks} queueNumber={visit.queueNumber.display} />
      <PrintedTicket blocks={ticket.blocks} queueNumber={visit.queueNumber.display} />
      <AfterTicket client={client} visit={visit} numbered={numbered} config={config} active={active} onNewVisit={onNewVisit} onFinished={onFinished} />
    </section>
  );
}
