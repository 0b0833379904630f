import { useTranslation } from 'react-i18next';
import type { DevicesSnapshot } from '../../../domain/api.ts';
import { StatusPill } from '../home/StatusPill.tsx';
import { hex4 } from './settings-form.ts';

interface DevicesSectionProps {
  devices: DevicesSnapshot | undefined;
  isSerialConfigured: (path: string) => boolean;
  isHidConfigured: (vendorId: number, productId: number) => boolean;
  onUseSerial: (path: string) => void;
  onUseHid: (vendorId: number, productId: number) => void;
}

/** Everything the device host lists, with the IDs IT staff need to tell devices apart. */
export function DevicesSection({ devices, isSerialConfigured, isHidConfigured, onUseSerial, onUseHid }: DevicesSectionProps) {
  const { t } = useTranslation();
  const none = <p className="advice">{t('settings.devices.none')}</p>;
  return (
    <section className="settings__section" aria-labelledby="devices-title" data-testid="settings-devices">
      <h3 id="devices-title">{t('settings.devices.title')}</h3>
      <div className="device-lists">
        <div>
          <h4>{t('settings.devices.readers')}</h4>
          {devices && devices.readers.length > 0 ? (
            <ul className="device-list" data-testid="device-readers">
              {devices.readers.map((reader) => (
                <li key={reader.name} data-testid="device" data-kind="reader">
                  <span className="device-list__name">{reader.name}</span>
                  {reader.atr && <code className="device-list__id">ATR {reader.atr}</code>}
                </li>
              ))}
            </ul>
          ) : (
            none
          )}
        </div>
        <div>
          <h4>{t('settings.devices.serialPorts')}</h4>
          {devices && devices.serialPorts.length > 0 ? (
            <ul className="device-list" data-testid="device-serial-ports">
              {devices.serialPorts.map((port) => (
                <li key={port.path} data-testid="device" data-kind="serial" data-path={port.path}>
                  <span className="device-list__name">{port.path}</span>
                  <code className="device-list__id">
                    {[port.vendorId && port.productId ? `${port.vendorId}:${port.productId}` : undefined, port.manufacturer, port.serialNumber]
                      .filter(Boolean)
                      .join(' · ')}
                  </code>
                  <UseDevice inUse={isSerialConfigured(port.path)} onUse={() => onUseSerial(port.path)} />
                </li>
              ))}
            </ul>
          ) : (
            none
          )}
        </div>
        <div>
          <h4>{t('settings.devices.hidDevices')}</h4>
          {devices && devices.hidDevices.length > 0 ? (
            <ul className="device-list" data-testid="device-hid">
              {devices.hidDevices.map((device, index) => (
                <li key={`${device.path ?? ''}-${index}`} data-testid="device" data-kind="hid" data-id={`${hex4(device.vendorId)}:${hex4(device.productId)}`}>
                  <span className="device-list__name">{[device.manufacturer, device.product].filter(Boolean).join(' ') || '—'}</span>
                  <code className="device-list__id">
                    {`${hex4(device.vendorId)}:${hex4(device.productId)}`}
                    {device.usagePage === undefined ? '' : ` · usage page 0x${device.usagePage.toString(16)}`}
                    {device.interface === undefined ? '' : ` · if ${device.interface}`}
                  </code>
                  <UseDevice inUse={isHidConfigured(device.vendorId, device.productId)} onUse={() => onUseHid(device.vendorId, device.productId)} />
                </li>
              ))}
            </ul>
          ) : (
            none
          )}
        </div>
        <div>
          <h4>{t('settings.devices.scanners')}</h4>
          {devices && devices.scanners.length > 0 ? (
            <ul className="device-list" data-testid="device-scanners">
              {devices.scanners.map((scanner) => (
                <li key={scanner.id} data-testid="device" data-kind="scanner" data-id={scanner.id}>
                  <code className="device-list__name">{scanner.id}</code>
                  <StatusPill
                    tone={scanner.state === 'connected' ? 'ok' : scanner.state === 'error' ? 'bad' : 'neutral'}
                    state={scanner.state}
                    testId="scanner-state"
                  >
                    {t(`settings.devices.scannerStates.${scanner.state}`)}
                  </StatusPill>
                  {scanner.message && <span className="technical">{scanner.message}</span>}
                </li>
              ))}
            </ul>
          ) : (
            none
          )}
        </div>
      </div>
    </section>
  );
}

/** "In use" for a device a scanner already names; otherwise a button that adds a scanner for it. */
function UseDevice({ inUse, onUse }: { inUse: boolean; onUse: () => void }) {
  const { t } = useTranslation();
  if (inUse) return <span className="device-list__configured">{t('settings.devices.inUse')}</span>;
  return (
    <button type="button" className="button button--small" data-testid="device-use" onClick={onUse}>
      {t('settings.devices.use')}
    </button>
  );
}
