import { Suspense, useEffect, useState } from 'react';
import { lazyPart } from '../app/lazy-part.ts';
import { useTranslation } from 'react-i18next';
import { UNKNOWN_SCAN_REASONS, type ScanEvent, type ScanTransportWarning, SCAN_TRANSPORT_WARNINGS } from '../../../domain/scan.ts';
import { Notice } from '../home/Notice.tsx';
import { Panel } from '../home/Panel.tsx';
import { StatusPill, type Tone } from '../home/StatusPill.tsx';
import { EXPLAINED_SCAN_WARNINGS, type ScanField } from '../i18n/messages.ts';
import { DESK_KEYS } from '../keyboard/desk-keys.ts';
import { useShortcut } from '../keyboard/use-shortcut.ts';
import { recordTestEvent } from '../testing/record-test-event.ts';
import { useArmedCardKey, useScans } from './scan-context.ts';
import { ScanResultView } from './ScanResultView.tsx';

// The camera and its QR decoder load only when the clerk opens the camera.
const CameraPanel = lazyPart(() => import('./camera/CameraPanel.tsx').then((module) => ({ default: module.CameraPanel })), { prefetch: false });

const TONES: Record<ScanEvent['kind'], Tone> = { cccd: 'ok', bhyt: 'ok', vietqr: 'bad', unknown: 'bad' };

function isKnown<T extends string>(list: readonly T[], value: string): value is T {
  return (list as readonly string[]).includes(value);
}

const SCAN_FIELDS: Record<ScanField, true> = {
  idNumber: true,
  oldIdNumber: true,
  fullName: true,
  dateOfBirth: true,
  sex: true,
  address: true,
  issueDate: true,
  cardNumber: true,
  socialInsuranceNumber: true,
  benefitLevel: true,
  validity: true,
  validFrom: true,
  validTo: true,
  registeredFacility: true,
  issuingPlace: true,
  guardianName: true,
  layout: true,
  source: true,
};

function isScanField(field: string): field is ScanField {
  return Object.hasOwn(SCAN_FIELDS, field);
}

export function ScanPanel() {
  const { t } = useTranslation();
  const { lastScan: scan, confirmed, submitError, confirm, dismiss, settings } = useScans();
  const armed = useArmedCardKey();
  const [cameraOpen, setCameraOpen] = useState(false);
  const cameraEnabled = settings.camera.enabled;

  useShortcut(DESK_KEYS.camera, () => setCameraOpen((open) => !open), cameraEnabled);

  const transportWarnings = (scan?.warnings ?? []).filter((w): w is ScanTransportWarning => isKnown(SCAN_TRANSPORT_WARNINGS, w));
  const garbled = transportWarnings.includes('ime-garbled');
  const explained = (scan?.warnings ?? []).filter((w) => isKnown(EXPLAINED_SCAN_WARNINGS, w));
  const asksConfirmation = scan !== undefined && scan.needsConfirmation && (scan.kind === 'cccd' || scan.kind === 'bhyt') && !scan.error;
  const heuristic = scan?.kind === 'cccd' && scan.parsed?.confidence === 'heuristic';

  useShortcut(DESK_KEYS.confirmScan, accept, asksConfirmation && !confirmed);

  useEffect(() => {
    if (!scan) return;
    recordTestEvent('scan-shown', {
      id: scan.id,
      kind: scan.kind,
      source: scan.source.kind,
      needsConfirmation: scan.needsConfirmation,
      parsed: 'parsed' in scan && scan.parsed !== undefined,
      ...(scan.error ? { error: scan.error.code } : {}),
    });
  }, [scan]);

  function accept(): void {
    confirm();
    if (scan) recordTestEvent('scan-confirmed', { id: scan.id });
  }

  const failedField = scan?.error?.field;
  const fieldLabel = failedField === undefined ? undefined : isScanField(failedField) ? t(`scan.fields.${failedField}`) : failedField;

  return (
    <Panel
      title={t('scan.title')}
      testId="scan-panel"
      status={
        scan ? (
          <StatusPill tone={TONES[scan.kind]} state={scan.kind} testId="scan-kind">
            {t(`scan.kinds.${scan.kind}`)}
          </StatusPill>
        ) : (
          <StatusPill tone="neutral" state="none" testId="scan-kind">
            {t('scan.waiting')}
          </StatusPill>
        )
      }
    >
      <div className="scan-actions">
        <button
          type="button"
          className="button"
          data-testid="camera-open"
          disabled={!cameraEnabled}
          aria-pressed={cameraOpen}
          onClick={() => setCameraOpen((open) => !open)}
        >
          {t('scan.camera')} <kbd>{t('scan.cameraShortcut')}</kbd>
        </button>
        {scan && (
          <button type="button" className="button" data-testid="scan-dismiss" onClick={dismiss}>
            {t('scan.dismiss')}
          </button>
        )}
      </div>
      {cameraOpen && (
        <Suspense fallback={<p className="advice">{t('camera.starting')}</p>}>
          <CameraPanel deviceId={settings.camera.deviceId} onClose={() => setCameraOpen(false)} />
        </Suspense>
      )}
      {submitError && <Notice code={submitError.code} />}
      {!scan && <p className="advice">{t('scan.hint')}</p>}
      {scan && <ScanBody scan={scan} garbled={garbled} fieldLabel={fieldLabel} />}
      {scan && armed?.scanId === scan.id && (
        <p className="advice" data-testid="scan-armed">
          {t('scan.armed')}
        </p>
      )}
      {scan && transportWarnings.length + explained.length > 0 && (
        <ul className="scan-warnings" data-testid="scan-warnings">
          {transportWarnings.map((warning) => (
            <li key={warning} data-code={warning}>
              {t(`scan.transportWarnings.${warning}`)}
            </li>
          ))}
          {[...new Set(explained)].map((warning) => (
            <li key={warning} data-code={warning}>
              {t(`scan.identityWarnings.${warning}`)}
            </li>
          ))}
        </ul>
      )}
      {asksConfirmation &&
        (confirmed ? (
          <p className="scan-confirm scan-confirm--done" data-testid="scan-confirmed">
            {t('scan.confirm.confirmed')}
          </p>
        ) : (
          <div className="scan-confirm" role="alertdialog" aria-label={t('scan.confirm.title')} data-testid="scan-confirm">
            <p className="scan-confirm__title">{t('scan.confirm.title')}</p>
            {heuristic && <p>{t('scan.confirm.heuristic')}</p>}
            <p>{t('scan.confirm.fields')}</p>
            <div className="scan-confirm__actions">
              <button type="button" className="button button--primary" data-testid="scan-accept" onClick={accept}>
                {t('scan.confirm.accept')} <kbd>{t('scan.confirm.acceptShortcut')}</kbd>
              </button>
              <button type="button" className="button" data-testid="scan-rescan" onClick={dismiss}>
                {t('scan.confirm.rescan')}
              </button>
            </div>
          </div>
        ))}
    </Panel>
  );
}

function ScanBody({ scan, garbled, fieldLabel }: { scan: ScanEvent; garbled: boolean; fieldLabel: string | undefined }) {
  const { t } = useTranslation();
  if (scan.kind === 'unknown') {
    const code = scan.error?.code ?? 'unrecognised';
    return (
      <p className="scan-message scan-message--bad" role="alert" data-testid="scan-message" data-code={code}>
        {isKnown(UNKNOWN_SCAN_REASONS, code) ? t(`scan.unknownReasons.${code}`) : t('scan.unknownReasons.unrecognised')}
      </p>
    );
  }
  if (scan.kind === 'vietqr') {
    return (
      <div>
        <p className="scan-message scan-message--bad" role="alert" data-testid="scan-message" data-code="vietqr">
          {t('scan.vietqr')}
        </p>
        {scan.parsed && (
          <p className="technical" data-testid="scan-vietqr-account">
            {t('scan.vietqrAccount')}: {scan.parsed.bankBin} · {scan.parsed.account}
          </p>
        )}
      </div>
    );
  }
  if (scan.error) {
    return (
      <p className="scan-message scan-message--bad" role="alert" data-testid="scan-message" data-code={scan.error.code}>
        {fieldLabel ? t('scan.parseError', { field: fieldLabel }) : t('scan.parseErrorNoField')}
      </p>
    );
  }
  return <ScanResultView scan={scan} garbled={garbled} />;
}
