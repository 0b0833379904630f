import { StrictMode } from 'react';
import { z } from 'zod';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { BridgeContext } from './app/bridge-context.ts';
import { connectBridge } from './bridge/select-transport.ts';
import { HomeScreen } from './home/HomeScreen.tsx';
import { setUpI18n } from './i18n/setup.ts';
import { PaymentScreen, paymentVisitFromAddress } from './payment/PaymentScreen.tsx';

// zod probes for eval() support on first use; the CSP forbids eval, so skip the probe.
z.config({ jitless: true });

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

const i18n = setUpI18n();
const bridge = connectBridge();
const paymentVisit = paymentVisitFromAddress(window.location.search);

createRoot(container).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <BridgeContext value={bridge}>
        {paymentVisit === null ? <HomeScreen /> : <PaymentScreen visitId={paymentVisit} />}
      </BridgeContext>
    </I18nextProvider>
  </StrictMode>,
);
