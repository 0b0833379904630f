import { useTranslation } from 'react-i18next';
import { useBridge } from '../app/bridge-context.ts';
import { useConnectionState } from '../status/use-connection-state.ts';
import { PaymentStep } from './PaymentStep.tsx';
import { addDeskMessages } from '../i18n/desk-messages.ts';

addDeskMessages();

/** The payment step full screen; Esc or Continue goes to the home screen. */
export default function PaymentScreen({ visitId }: { visitId: number }) {
  const { t } = useTranslation();
  const { client, connection } = useBridge();
  const state = useConnectionState(connection);
  const home = (): void => window.location.assign(window.location.pathname);
  return (
    <div className="shell payment-screen">
      {state === 'connected' ? (
        <PaymentStep client={client} visitId={visitId} onBack={home} onDone={home} />
      ) : (
        <p className="loading" data-testid="payment-connection" data-state={state}>
          {t(`connection.states.${state}`)}
        </p>
      )}
    </div>
  );
}
