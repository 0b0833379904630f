import { StrictMode, Suspense } from 'react';
import { z } from 'zod';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { BridgeContext } from './app/bridge-context.ts';
import { connectBridge } from './bridge/select-transport.ts';
import { HomeScreen } from './home/HomeScreen.tsx';
import { setUpI18n } from './i18n/setup.ts';
import { lazyPart } from './app/lazy-part.ts';
import { paymentVisitFromAddress } from './payment/payment-address.ts';

// zod probes for eval() support on first use; the CSP forbids eval, so skip the probe.
z.config({ jitless: true });

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

const i18n = await setUpI18n();
const bridge = connectBridge();
const paymentVisit = paymentVisitFromAddress(window.location.search);
const PaymentScreen = lazyPart(() => import('./payment/PaymentScreen.tsx'), { prefetch: false });

createRoot(container).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <BridgeContext value={bridge}>
        {paymentVisit === null ? (
          <HomeScreen />
        ) : (
          <Suspense fallback={null}>
            <PaymentScreen visitId={paymentVisit} />
          </Suspense>
        )}
      </BridgeContext>
    </I18nextProvider>
  </StrictMode>,
);
