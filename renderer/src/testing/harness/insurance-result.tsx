/**
 * End-to-end harness for InsuranceResult until it is placed in the check-in
 * flow: the component alone on a page of the real app's origin, on the real
 * bridge. Not part of the app build; test/e2e/insurance-result.test.ts builds it.
 */
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { z } from 'zod';
import type { ApiClient } from '../../../../domain/api.ts';
import { BridgeContext } from '../../app/bridge-context.ts';
import { connectBridge } from '../../bridge/select-transport.ts';
import { setUpI18n } from '../../i18n/setup.ts';
import { addDeskMessages } from '../../i18n/desk-messages.ts';
import { InsuranceResult, type InsuranceResultProps } from '../../insurance/InsuranceResult.tsx';

z.config({ jitless: true });

export interface InsuranceHarness {
  client: ApiClient;
  /** Whether the bridge to the services is up (calls before that fail as closed). */
  connected(): boolean;
  mount(props: InsuranceResultProps): void;
}

declare global {
  interface Window {
    __insuranceHarness?: InsuranceHarness;
  }
}

const container = document.getElementById('root');
if (!container) throw new Error('the harness page has no #root element');
const i18n = await setUpI18n();
addDeskMessages();
const bridge = connectBridge();
const root = createRoot(container);

window.__insuranceHarness = {
  client: bridge.client,
  connected: () => bridge.connection.get() === 'connected',
  mount(props) {
    root.render(
      <I18nextProvider i18n={i18n}>
        <BridgeContext value={bridge}>
          <InsuranceResult {...props} />
        </BridgeContext>
      </I18nextProvider>,
    );
  },
};
