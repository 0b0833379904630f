import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../domain/errors.ts';
import type { ScanTestResult } from '../../../domain/scan.ts';
import { useBridge } from '../app/bridge-context.ts';
import { ScanResultView } from '../scan/ScanResultView.tsx';
import { recordTestEvent } from '../testing/record-test-event.ts';
import type { SettingsForm } from './settings-form.ts';

const TEST_TIMEOUT_MS = 30_000;

/** Saved scanners by id; ids typed but not saved yet are not known to the device host. */
function scannerIds(form: SettingsForm | undefined): string[] {
  const serial = form?.serial.map((s) => s.id.trim() || `serial:${s.path}`) ?? [];
  const hid = form?.hid.map((h) => h.id.trim() || `hid:${h.vendorId.toLowerCase().padStart(4, '0')}:${h.productId ? h.productId.toLowerCase().padStart(4, '0') : '*'}`) ?? [];
  return ['keyboard-wedge', ...serial, ...hid];
}

/** Bytes in pairs, sixteen to a line, as IT staff read a hex dump. */
function hexLines(hex: string): string[] {
  const bytes = hex.match(/../g) ?? [];
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += 16) lines.push(bytes.slice(i, i + 16).join(' '));
  return lines;
}

type TestState = { phase: 'idle' } | { phase: 'waiting' } | { phase: 'done'; result: ScanTestResult } | { phase: 'failed'; error: ApiError };

/** Waits for one scan from the chosen scanner and shows its bytes and what they parse to. */
export function TestScanSection({ form }: { form: SettingsForm | undefined }) {
  const { t } = useTranslation();
  const { client } = useBridge();
  const ids = scannerIds(form);
  const [chosen, setChosen] = useState('keyboard-wedge');
  const [state, setState] = useState<TestState>({ phase: 'idle' });
  const scannerId = ids.includes(chosen) ? chosen : 'keyboard-wedge';

  async function start(): Promise<void> {
    setState({ phase: 'waiting' });
    const result = await client.call('scan.test', { scannerId, timeoutMs: TEST_TIMEOUT_MS });
    if (result.ok) {
      setState({ phase: 'done', result: result.value });
      recordTestEvent('scan-test-done', { scannerId, kind: result.value.event.kind, bytes: result.value.byteLength });
    } else {
      setState({ phase: 'failed', error: result.error });
      recordTestEvent('scan-test-failed', { scannerId, code: result.error.code });
    }
  }

  return (
    <section className="settings__section" aria-labelledby="test-title" data-testid="scan-test">
      <h3 id="test-title">{t('settings.test.title')}</h3>
      <div className="scan-test__controls">
        <label className="field">
          <span className="field__label">{t('settings.test.scanner')}</span>
          <select className="field__input" data-testid="scan-test-scanner" value={scannerId} onChange={(event) => setChosen(event.target.value)}>
            {ids.map((id) => (
              <option key={id} value={id}>
                {id}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button button--primary" data-testid="scan-test-start" disabled={state.phase === 'waiting'} onClick={() => void start()}>
          {t('settings.test.start')}
        </button>
      </div>
      {state.phase === 'waiting' && (
        <p className="advice" role="status" data-testid="scan-test-waiting">
          {t('settings.test.waiting')}
        </p>
      )}
      {state.phase === 'failed' && (
        <p className="notice" role="alert" data-testid="scan-test-error" data-code={state.error.code}>
          {state.error.code === 'TIMEOUT' ? t('settings.test.failed') : t(`errors.${state.error.code}`)}
        </p>
      )}
      {state.phase === 'done' && (
        <div className="scan-test__result" data-testid="scan-test-result">
          <h4>
            {t('settings.test.rawHex')} · {t('settings.test.bytes', { count: state.result.byteLength })}
          </h4>
          <pre className="hex" data-testid="scan-test-hex">
            {hexLines(state.result.rawHex).join('\n')}
          </pre>
          <h4>
            {t('settings.test.parse')}: <span data-testid="scan-test-kind">{t(`scan.kinds.${state.result.event.kind}`)}</span>
          </h4>
          {state.result.event.error ? (
            <p className="technical" data-testid="scan-test-parse-error">
              {state.result.event.error.code}: {state.result.event.error.message}
            </p>
          ) : (
            <ScanResultView scan={state.result.event} garbled={state.result.event.warnings.includes('ime-garbled')} />
          )}
        </div>
      )}
    </section>
  );
}
