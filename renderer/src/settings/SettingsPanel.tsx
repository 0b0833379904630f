import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { DevicesSnapshot } from '../../../domain/api.ts';
import type { ApiError } from '../../../domain/errors.ts';
import { COMMON_BAUD_RATES, HID_KEYBOARD_LAYOUTS, SCANNER_ENCODINGS, SERIAL_TERMINATORS } from '../../../domain/scan.ts';
import { useBridge } from '../app/bridge-context.ts';
import { Notice } from '../home/Notice.tsx';
import type { ScannerSettingsField } from '../i18n/messages.ts';
import { DESK_KEYS } from '../keyboard/desk-keys.ts';
import { useShortcut } from '../keyboard/use-shortcut.ts';
import { useScans } from '../scan/scan-context.ts';
import { recordTestEvent } from '../testing/record-test-event.ts';
import { ClinicsSection } from './ClinicsSection.tsx';
import { DeskSection } from './DeskSection.tsx';
import { ClerksSection } from './ClerksSection.tsx';
import { Xml0Section } from './Xml0Section.tsx';
import { PaymentSection } from './PaymentSection.tsx';
import { InsuranceSection } from './InsuranceSection.tsx';
import { HisSection } from './HisSection.tsx';
import { AdminPinSection } from './AdminPinSection.tsx';
import { DevicesSection } from './DevicesSection.tsx';
import { DiagnosticsSection } from './DiagnosticsSection.tsx';
import { DemoSettingsSection } from '../demo/DemoSettingsSection.tsx';
import {
  fieldErrorsFrom,
  fieldErrorText,
  hex4,
  newHidForm,
  newSerialForm,
  toForm,
  toInput,
  type FieldError,
  type HidForm,
  type SerialForm,
  type SettingsForm,
} from './settings-form.ts';
import { TestScanSection } from './TestScanSection.tsx';
import { SettingsNav, type SettingsNavEntry } from './SettingsNav.tsx';
import { AskFirst } from '../app/AskFirst.tsx';
import { UnsavedSections, UnsavedSectionsContext, useUnsavedSectionNames } from './unsaved-sections.ts';

interface SettingsPanelProps {
  devices: DevicesSnapshot | undefined;
  onClose: () => void;
}

type SaveState = { phase: 'idle' } | { phase: 'saving' } | { phase: 'saved' } | { phase: 'failed'; error: ApiError; fields: FieldError[] };

/**
 * The IT staff's page: what devices the computer sees, the scanners chosen and
 * their settings, and a test scan. Opened with F10 over the home screen; Esc closes.
 */
export function SettingsPanel({ devices: statusDevices, onClose }: SettingsPanelProps) {
  const { t } = useTranslation();
  const { client } = useBridge();
  const { settingsChanged } = useScans();
  const [form, setForm] = useState<SettingsForm | undefined>(undefined);
  const [loadError, setLoadError] = useState<ApiError | undefined>(undefined);
  const [devices, setDevices] = useState<DevicesSnapshot | undefined>(statusDevices);
  const [save, setSave] = useState<SaveState>({ phase: 'idle' });
  const [cameras, setCameras] = useState<{ deviceId: string; label: string }[]>([]);
  const dialog = useRef<HTMLDivElement>(null);
  const content = useRef<HTMLDivElement>(null);
  const navEntries = useMemo(() => settingsNavEntries(t), [t]);

  const [unsaved] = useState(() => new UnsavedSections());
  const unsavedNames = useUnsavedSectionNames(unsaved);
  const [scannersEdited, setScannersEdited] = useState(false);
  const [askingToClose, setAskingToClose] = useState(false);
  useEffect(() => unsaved.set('scanners', t('settings.scannersSection'), scannersEdited), [unsaved, t, scannersEdited]);
  /** Closing drops nothing unasked: with edits unsaved, the panel names their sections first. */
  const requestClose = (): void => {
    if (unsaved.names().length === 0) return onClose();
    setAskingToClose(true);
    recordTestEvent('settings-unsaved-asked', { sections: unsaved.names().join(', ') });
  };
  useShortcut({ code: 'Escape' }, requestClose, !askingToClose);
  useShortcut(DESK_KEYS.settings, requestClose, !askingToClose);
  useShortcut(DESK_KEYS.save, () => void submit());

  useEffect(() => setDevices(statusDevices), [statusDevices]);
  useEffect(() => {
    recordTestEvent('settings-opened');
    dialog.current?.focus();
    let current = true;
    void Promise.all([client.call('settings.scanners.get', {}), client.call('devices.list', {})]).then(([settings, listed]) => {
      if (!current) return;
      if (listed.ok) setDevices(listed.value);
      if (settings.ok) {
        setForm(toForm(settings.value));
        recordTestEvent('settings-loaded', { serial: settings.value.serial.length, hid: settings.value.hid.length });
      } else {
        setLoadError(settings.error);
      }
    });
    void navigator.mediaDevices
      ?.enumerateDevices()
      .then((all) => {
        if (current) setCameras(all.filter((d) => d.kind === 'videoinput' && d.deviceId).map((d) => ({ deviceId: d.deviceId, label: d.label || d.deviceId.slice(0, 12) })));
      })
      .catch(() => {});
    return () => {
      current = false;
      recordTestEvent('settings-closed');
    };
  }, [client]);

  async function submit(event?: FormEvent): Promise<void> {
    event?.preventDefault();
    if (!form || save.phase === 'saving') return;
    setSave({ phase: 'saving' });
    const result = await client.call('settings.scanners.set', toInput(form));
    if (result.ok) {
      setForm(toForm(result.value));
      settingsChanged(result.value);
      setSave({ phase: 'saved' });
      setScannersEdited(false);
      recordTestEvent('settings-saved', { serial: result.value.serial.length, hid: result.value.hid.length });
    } else {
      const fields = fieldErrorsFrom(result.error.detail);
      setSave({ phase: 'failed', error: result.error, fields });
      recordTestEvent('settings-save-failed', { code: result.error.code, paths: fields.map((f) => f.path).join(',') });
    }
  }

  const update = (change: (draft: SettingsForm) => SettingsForm): void => {
    setForm((previous) => (previous ? change(previous) : previous));
    setScannersEdited(true);
    setSave((previous) => (previous.phase === 'saved' ? { phase: 'idle' } : previous));
  };
  const setSerial = (index: number, patch: Partial<SerialForm>) =>
    update((f) => ({ ...f, serial: f.serial.map((s, i) => (i === index ? { ...s, ...patch } : s)) }));
  const setHid = (index: number, patch: Partial<HidForm>) => update((f) => ({ ...f, hid: f.hid.map((h, i) => (i === index ? { ...h, ...patch } : h)) }));

  const errors = save.phase === 'failed' ? save.fields : [];
  /** A refusal in the clerk's language when its rule is known; the services' words otherwise. */
  const errorText = (error: FieldError): string => fieldErrorText(t, error);
  const errorAt = (path: string): string | undefined => {
    const error = errors.find((e) => e.path === path);
    return error ? errorText(error) : undefined;
  };

  /** Where a refused setting is, in words: "Máy quét nối tiếp 1 – Cổng". */
  function where(path: string): string {
    const [list, index, field] = path.split('.');
    const label = field && isSettingsField(field) ? t(`settings.fields.${field}`) : (field ?? path);
    if (list === 'serial' && index !== undefined) return `${t('settings.serial.item', { number: Number(index) + 1 })} – ${label}`;
    if (list === 'hid' && index !== undefined) return `${t('settings.hid.item', { number: Number(index) + 1 })} – ${label}`;
    const single = index ?? list ?? path;
    const singleLabel = isSettingsField(single) ? t(`settings.fields.${single}`) : single;
    if (list === 'keyboardWedge') return `${t('settings.wedge.title')} – ${singleLabel}`;
    if (list === 'camera') return `${t('settings.camera.title')} – ${singleLabel}`;
    return path;
  }

  const configuredPaths = new Set(form?.serial.map((s) => s.path));
  const configuredHid = new Set(form?.hid.map((h) => `${h.vendorId.toLowerCase()}:${h.productId.toLowerCase()}`));

  return (
    <div className="settings-backdrop">
      <div
        ref={dialog}
        className="settings"
        role="dialog"
        aria-modal="true"
        aria-labelledby="settings-title"
        data-testid="settings-panel"
        tabIndex={-1}
      >
        <header className="settings__header">
          <h2 id="settings-title" className="settings__title">
            {t('settings.title')}
          </h2>
          <button type="button" className="button" data-testid="settings-close" onClick={requestClose}>
            {t('settings.close')} <kbd>{t('settings.closeShortcut')}</kbd>
          </button>
        </header>
        {askingToClose && (
          <AskFirst
            testId="settings-unsaved"
            title={t('settings.unsaved.title')}
            onEscape={() => setAskingToClose(false)}
            actions={
              <>
                <button type="button" className="button button--primary" data-testid="settings-unsaved-stay" onClick={() => setAskingToClose(false)}>
                  {t('settings.unsaved.stay')} <kbd>Esc</kbd>
                </button>
                <button type="button" className="button" data-testid="settings-unsaved-drop" onClick={onClose}>
                  {t('settings.unsaved.drop')}
                </button>
              </>
            }
          >
            {t('settings.unsaved.text', { sections: unsavedNames.join(', ') })}
          </AskFirst>
        )}
        <div className="settings__body">
        <SettingsNav entries={navEntries} content={content} unsavedNames={unsavedNames} />
        <div ref={content} className="settings__content" data-testid="settings-content">
        <p className="advice">{t('settings.intro')}</p>
        {loadError && <Notice code={loadError.code} />}
        <UnsavedSectionsContext value={unsaved}>

        <DevicesSection
          devices={devices}
          isSerialConfigured={(path) => configuredPaths.has(path)}
          isHidConfigured={(vendor, product) => configuredHid.has(`${hex4(vendor)}:${hex4(product)}`)}
          onUseSerial={(path) => update((f) => ({ ...f, serial: [...f.serial, newSerialForm(path)] }))}
          onUseHid={(vendor, product) => update((f) => ({ ...f, hid: [...f.hid, newHidForm(hex4(vendor), hex4(product))] }))}
        />

        {!form && !loadError && <p className="loading">{t('settings.loading')}</p>}
        {form && (
          <form className="settings__form" onSubmit={(event) => void submit(event)} noValidate data-testid="settings-form">
            <section className="settings__section" aria-labelledby="serial-title">
              <h3 id="serial-title">{t('settings.serial.title')}</h3>
              {form.serial.length === 0 && <p className="advice">{t('settings.serial.none')}</p>}
              {form.serial.map((s, index) => {
                const at = (field: string) => `serial.${index}.${field}`;
                return (
                  <fieldset key={index} className="scanner-form" data-testid="serial-scanner" data-index={index}>
                    <legend>{t('settings.serial.item', { number: index + 1 })}</legend>
                    <Check label={t('settings.fields.enabled')} checked={s.enabled} onChange={(enabled) => setSerial(index, { enabled })} testId="enabled" />
                    <Text path={at('path')} label={t('settings.fields.path')} value={s.path} error={errorAt(at('path'))} onChange={(path) => setSerial(index, { path })} />
                    <Choice
                      path={at('baudRate')}
                      label={t('settings.fields.baudRate')}
                      value={s.baudRate}
                      options={COMMON_BAUD_RATES.map((b) => [String(b), String(b)])}
                      error={errorAt(at('baudRate'))}
                      onChange={(baudRate) => setSerial(index, { baudRate })}
                    />
                    <Choice
                      path={at('dataBits')}
                      label={t('settings.fields.dataBits')}
                      value={s.dataBits}
                      options={[['7', '7'], ['8', '8']]}
                      error={errorAt(at('dataBits'))}
                      onChange={(dataBits) => setSerial(index, { dataBits })}
                    />
                    <Choice
                      path={at('parity')}
                      label={t('settings.fields.parity')}
                      value={s.parity}
                      options={(['none', 'even', 'odd'] as const).map((p) => [p, t(`settings.parity.${p}`)])}
                      error={errorAt(at('parity'))}
                      onChange={(parity) => setSerial(index, { parity: parity as SerialForm['parity'] })}
                    />
                    <Choice
                      path={at('stopBits')}
                      label={t('settings.fields.stopBits')}
                      value={s.stopBits}
                      options={[['1', '1'], ['2', '2']]}
                      error={errorAt(at('stopBits'))}
                      onChange={(stopBits) => setSerial(index, { stopBits })}
                    />
                    <Choice
                      path={at('terminator')}
                      label={t('settings.fields.terminator')}
                      value={s.terminator}
                      options={SERIAL_TERMINATORS.map((x) => [x, t(`settings.terminators.${x}`)])}
                      error={errorAt(at('terminator'))}
                      onChange={(terminator) => setSerial(index, { terminator: terminator as SerialForm['terminator'] })}
                    />
                    <Text
                      path={at('idleGapMs')}
                      label={t('settings.fields.idleGapMs')}
                      value={s.idleGapMs}
                      numeric
                      placeholder={t('settings.defaultValue')}
                      error={errorAt(at('idleGapMs'))}
                      onChange={(idleGapMs) => setSerial(index, { idleGapMs })}
                    />
                    <Choice
                      path={at('encoding')}
                      label={t('settings.fields.encoding')}
                      value={s.encoding}
                      options={SCANNER_ENCODINGS.map((e) => [e, e])}
                      error={errorAt(at('encoding'))}
                      onChange={(encoding) => setSerial(index, { encoding: encoding as SerialForm['encoding'] })}
                    />
                    <Text path={at('label')} label={t('settings.fields.label')} value={s.label} error={errorAt(at('label'))} onChange={(label) => setSerial(index, { label })} />
                    <Text
                      path={at('id')}
                      label={t('settings.fields.id')}
                      value={s.id}
                      placeholder={s.path ? `serial:${s.path}` : t('settings.defaultValue')}
                      error={errorAt(at('id'))}
                      onChange={(id) => setSerial(index, { id })}
                    />
                    <button type="button" className="button" data-testid="remove" onClick={() => update((f) => ({ ...f, serial: f.serial.filter((_, i) => i !== index) }))}>
                      {t('settings.remove')}
                    </button>
                  </fieldset>
                );
              })}
              <button type="button" className="button" data-testid="serial-add" onClick={() => update((f) => ({ ...f, serial: [...f.serial, newSerialForm()] }))}>
                {t('settings.serial.add')}
              </button>
            </section>

            <section className="settings__section" aria-labelledby="hid-title">
              <h3 id="hid-title">{t('settings.hid.title')}</h3>
              {form.hid.length === 0 && <p className="advice">{t('settings.hid.none')}</p>}
              {form.hid.map((h, index) => {
                const at = (field: string) => `hid.${index}.${field}`;
                return (
                  <fieldset key={index} className="scanner-form" data-testid="hid-scanner" data-index={index}>
                    <legend>{t('settings.hid.item', { number: index + 1 })}</legend>
                    <Check label={t('settings.fields.enabled')} checked={h.enabled} onChange={(enabled) => setHid(index, { enabled })} testId="enabled" />
                    <Text path={at('vendorId')} label={t('settings.fields.vendorId')} value={h.vendorId} error={errorAt(at('vendorId'))} onChange={(vendorId) => setHid(index, { vendorId })} />
                    <Text
                      path={at('productId')}
                      label={t('settings.fields.productId')}
                      value={h.productId}
                      error={errorAt(at('productId'))}
                      onChange={(productId) => setHid(index, { productId })}
                    />
                    <Choice
                      path={at('mode')}
                      label={t('settings.fields.mode')}
                      value={h.mode}
                      options={(['auto', 'hid-pos', 'hid-keyboard'] as const).map((m) => [m, t(`settings.modes.${m}`)])}
                      error={errorAt(at('mode'))}
                      onChange={(mode) => setHid(index, { mode: mode as HidForm['mode'] })}
                    />
                    <Choice
                      path={at('layout')}
                      label={t('settings.fields.layout')}
                      value={h.layout}
                      options={HID_KEYBOARD_LAYOUTS.map((l) => [l, t(`settings.layouts.${l}`)])}
                      error={errorAt(at('layout'))}
                      onChange={(layout) => setHid(index, { layout: layout as HidForm['layout'] })}
                    />
                    <Text
                      path={at('idleGapMs')}
                      label={t('settings.fields.idleGapMs')}
                      value={h.idleGapMs}
                      numeric
                      placeholder={t('settings.defaultValue')}
                      error={errorAt(at('idleGapMs'))}
                      onChange={(idleGapMs) => setHid(index, { idleGapMs })}
                    />
                    <Text
                      path={at('interface')}
                      label={t('settings.fields.interface')}
                      value={h.interface}
                      numeric
                      placeholder={t('settings.defaultValue')}
                      error={errorAt(at('interface'))}
                      onChange={(value) => setHid(index, { interface: value })}
                    />
                    <Text path={at('label')} label={t('settings.fields.label')} value={h.label} error={errorAt(at('label'))} onChange={(label) => setHid(index, { label })} />
                    <button type="button" className="button" data-testid="remove" onClick={() => update((f) => ({ ...f, hid: f.hid.filter((_, i) => i !== index) }))}>
                      {t('settings.remove')}
                    </button>
                  </fieldset>
                );
              })}
              <button type="button" className="button" data-testid="hid-add" onClick={() => update((f) => ({ ...f, hid: [...f.hid, newHidForm()] }))}>
                {t('settings.hid.add')}
              </button>
            </section>

            <section className="settings__section" aria-labelledby="wedge-title">
              <h3 id="wedge-title">{t('settings.wedge.title')}</h3>
              <p className="advice">{t('settings.wedge.hint')}</p>
              <fieldset className="scanner-form" data-testid="wedge-settings">
                <Check
                  label={t('settings.fields.enabled')}
                  checked={form.keyboardWedge.enabled}
                  onChange={(enabled) => update((f) => ({ ...f, keyboardWedge: { ...f.keyboardWedge, enabled } }))}
                  testId="enabled"
                />
                <Text
                  path="keyboardWedge.maxInterKeyGapMs"
                  label={t('settings.fields.maxInterKeyGapMs')}
                  value={form.keyboardWedge.maxInterKeyGapMs}
                  numeric
                  error={errorAt('keyboardWedge.maxInterKeyGapMs')}
                  onChange={(maxInterKeyGapMs) => update((f) => ({ ...f, keyboardWedge: { ...f.keyboardWedge, maxInterKeyGapMs } }))}
                />
                <Text
                  path="keyboardWedge.minLength"
                  label={t('settings.fields.minLength')}
                  value={form.keyboardWedge.minLength}
                  numeric
                  error={errorAt('keyboardWedge.minLength')}
                  onChange={(minLength) => update((f) => ({ ...f, keyboardWedge: { ...f.keyboardWedge, minLength } }))}
                />
                <Choice
                  path="keyboardWedge.terminator"
                  label={t('settings.fields.terminator')}
                  value={form.keyboardWedge.terminator}
                  options={(['enter', 'tab', 'none'] as const).map((x) => [x, t(`settings.wedgeTerminators.${x}`)])}
                  error={errorAt('keyboardWedge.terminator')}
                  onChange={(terminator) =>
                    update((f) => ({ ...f, keyboardWedge: { ...f.keyboardWedge, terminator: terminator as SettingsForm['keyboardWedge']['terminator'] } }))
                  }
                />
              </fieldset>
            </section>

            <section className="settings__section" aria-labelledby="camera-title">
              <h3 id="camera-title">{t('settings.camera.title')}</h3>
              <fieldset className="scanner-form" data-testid="camera-settings">
                <Check
                  label={t('settings.fields.enabled')}
                  checked={form.camera.enabled}
                  onChange={(enabled) => update((f) => ({ ...f, camera: { ...f.camera, enabled } }))}
                  testId="enabled"
                />
                <Choice
                  path="camera.deviceId"
                  label={t('settings.fields.deviceId')}
                  value={form.camera.deviceId}
                  options={[
                    ['', t('settings.camera.defaultDevice')],
                    ...cameras.map((c): [string, string] => [c.deviceId, c.label]),
                    ...(form.camera.deviceId && !cameras.some((c) => c.deviceId === form.camera.deviceId)
                      ? [[form.camera.deviceId, form.camera.deviceId.slice(0, 12)] as [string, string]]
                      : []),
                  ]}
                  error={errorAt('camera.deviceId')}
                  onChange={(deviceId) => update((f) => ({ ...f, camera: { ...f.camera, deviceId } }))}
                />
              </fieldset>
            </section>

            <div className="settings__save">
              <button type="submit" className="button button--primary" data-testid="settings-save" disabled={save.phase === 'saving'}>
                {t('settings.save')} <kbd>{t('settings.saveShortcut')}</kbd>
              </button>
              {save.phase === 'saved' && (
                <p className="settings__saved" role="status" data-testid="settings-saved">
                  {t('settings.saved')}
                </p>
              )}
            </div>
            {save.phase === 'failed' && (
              <div className="notice" role="alert" data-testid="settings-errors" data-code={save.error.code}>
                <p>{save.fields.length > 0 ? t('settings.saveFailed') : t(`errors.${save.error.code}`)}</p>
                {save.fields.length > 0 && (
                  <ul>
                    {save.fields.map((f) => (
                      <li key={`${f.path}-${f.message}`} data-path={f.path}>
                        {t('settings.fieldError', { where: where(f.path), message: errorText(f) })}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            )}
          </form>
        )}

        <TestScanSection form={form} />
        <ClerksSection />
        <DeskSection />
        <ClinicsSection />
        <Xml0Section />
        <PaymentSection />
        <InsuranceSection />
        <HisSection />
        <DemoSettingsSection />
        <AdminPinSection />
        <DiagnosticsSection />
        </UnsavedSectionsContext>
        </div>
        </div>
      </div>
    </div>
  );
}

/** The sections in the order the panel shows them, each under the title it reports unsaved edits by. */
function settingsNavEntries(t: TFunction): SettingsNavEntry[] {
  const entry = (headingId: string, label: string, ...covers: string[]): SettingsNavEntry => ({ headingId, label, covers });
  return [
    entry('devices-title', t('settings.nav.devices')),
    entry('serial-title', t('settings.scannersSection'), t('settings.scannersSection')),
    entry('test-title', t('settings.test.title')),
    entry('clerks-settings-title', t('settings.nav.clerks'), t('clerk.settings.title')),
    entry('desk-title', t('settings.nav.desk'), t('checkin.desk.title')),
    entry('clinics-title', t('settings.nav.clinics'), t('checkin.clinics.title')),
    entry('xml0-title', t('settings.nav.xml0')),
    entry('payment-settings-title', t('settings.nav.payment'), t('payment.settings.title')),
    entry('insurance-settings-title', t('settings.nav.insurance'), t('insurance.settings.title')),
    entry('his-settings-title', t('settings.nav.his'), t('hisSettings.title')),
    entry('demo-settings-title', t('settings.nav.demo')),
    entry('admin-pin-title', t('settings.nav.adminPin')),
    entry('diagnostics-title', t('settings.nav.diagnostics')),
  ];
}

const SETTINGS_FIELDS: Record<ScannerSettingsField, true> = {
  id: true,
  label: true,
  enabled: true,
  path: true,
  baudRate: true,
  dataBits: true,
  parity: true,
  stopBits: true,
  terminator: true,
  idleGapMs: true,
  encoding: true,
  maxFrameBytes: true,
  vendorId: true,
  productId: true,
  mode: true,
  interface: true,
  serialNumber: true,
  layout: true,
  maxInterKeyGapMs: true,
  minLength: true,
  deviceId: true,
};

function isSettingsField(field: string): field is ScannerSettingsField {
  return Object.hasOwn(SETTINGS_FIELDS, field);
}

function FieldRow({ path, label, error, children }: { path: string; label: string; error: string | undefined; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className={error ? 'field field--bad' : 'field'} data-testid="settings-field" data-path={path}>
      <label className="field__label" htmlFor={`setting-${path}`}>
        {label}
      </label>
      {children}
      {error && (
        <p className="field__error" id={`setting-${path}-error`} data-testid="field-error">
          {t('settings.invalid')}: {error}
        </p>
      )}
    </div>
  );
}

interface TextProps {
  path: string;
  label: string;
  value: string;
  error: string | undefined;
  numeric?: boolean;
  placeholder?: string;
  onChange: (value: string) => void;
}

function Text({ path, label, value, error, numeric = false, placeholder, onChange }: TextProps) {
  return (
    <FieldRow path={path} label={label} error={error}>
      <input
        id={`setting-${path}`}
        className="field__input"
        value={value}
        inputMode={numeric ? 'numeric' : undefined}
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={error !== undefined}
        aria-describedby={error ? `setting-${path}-error` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
    </FieldRow>
  );
}

interface ChoiceProps {
  path: string;
  label: string;
  value: string;
  options: readonly (readonly [string, string])[];
  error: string | undefined;
  onChange: (value: string) => void;
}

function Choice({ path, label, value, options, error, onChange }: ChoiceProps) {
  return (
    <FieldRow path={path} label={label} error={error}>
      <select id={`setting-${path}`} className="field__input" value={value} aria-invalid={error !== undefined} onChange={(event) => onChange(event.target.value)}>
        {options.map(([optionValue, text]) => (
          <option key={optionValue} value={optionValue}>
            {text}
          </option>
        ))}
      </select>
    </FieldRow>
  );
}

function Check({ label, checked, onChange, testId }: { label: string; checked: boolean; onChange: (checked: boolean) => void; testId: string }) {
  return (
    <label className="field field--check">
      <input type="checkbox" checked={checked} data-testid={testId} onChange={(event) => onChange(event.target.checked)} />
      <span>{label}</span>
    </label>
  );
}
