// The QR reader alone, not the package index with every barcode format and the encoders.
import { BrowserQRCodeReader } from '@zxing/library/esm/browser/BrowserQRCodeReader.js';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CameraFailure } from '../../i18n/messages.ts';
import { useShortcut } from '../../keyboard/use-shortcut.ts';
import { recordTestEvent } from '../../testing/record-test-event.ts';
import { useScans } from '../scan-context.ts';

/** Milliseconds between decode attempts: fast enough to feel instant, light on the CPU. */
const DECODE_INTERVAL_MS = 150;

interface CameraPanelProps {
  /** The webcam chosen in the settings; the default camera when undefined. */
  deviceId: string | undefined;
  onClose: () => void;
}

function failureOf(error: unknown): CameraFailure {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'no-camera';
  return 'failed';
}

/**
 * A live preview of the webcam, decoding QR codes as it goes. The first code
 * read goes to the services as a camera scan and the panel closes.
 */
export function CameraPanel({ deviceId, onClose }: CameraPanelProps) {
  const { t } = useTranslation();
  const { submit } = useScans();
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<'starting' | 'ready' | CameraFailure>('starting');
  const latest = useRef({ submit, onClose });
  useEffect(() => {
    latest.current = { submit, onClose };
  });

  useShortcut({ code: 'Escape' }, onClose);

  useEffect(() => {
    const element = video.current;
    if (!element) return;
    const reader = new BrowserQRCodeReader(DECODE_INTERVAL_MS);
    let active = true;
    const constraints: MediaStreamConstraints = {
      audio: false,
      video: deviceId ? { deviceId: { exact: deviceId } } : { facingMode: 'environment' },
    };
    const onPlaying = (): void => {
      if (!active) return;
      setState('ready');
      recordTestEvent('camera-ready');
    };
    element.addEventListener('playing', onPlaying, { once: true });
    reader
      .decodeFromConstraints(constraints, element, (result) => {
        if (!active || !result) return;
        active = false;
        const text = result.getText();
        reader.reset();
        void latest.current.submit('camera', text).finally(() => latest.current.onClose());
      })
      .catch((error: unknown) => {
        if (!active) return;
        const failure = failureOf(error);
        setState(failure);
        recordTestEvent('camera-failed', { reason: failure });
      });
    return () => {
      active = false;
      element.removeEventListener('playing', onPlaying);
      reader.reset();
      recordTestEvent('camera-closed');
    };
  }, [deviceId]);

  const failed = state !== 'starting' && state !== 'ready';
  return (
    <section className="camera" data-testid="camera-panel" data-state={state} aria-label={t('camera.title')}>
      <header className="camera__header">
        <h3 className="camera__title">{t('camera.title')}</h3>
        <button type="button" className="button" data-testid="camera-close" onClick={onClose}>
          {t('camera.close')} <kbd>{t('camera.closeShortcut')}</kbd>
        </button>
      </header>
      <video ref={video} className={failed ? 'camera__video camera__video--off' : 'camera__video'} muted playsInline data-testid="camera-video" />
      <p className={failed ? 'notice' : 'advice'} role={failed ? 'alert' : undefined} data-testid="camera-status">
        {failed ? t(`camera.failures.${state}`) : state === 'ready' ? t('camera.ready') : t('camera.starting')}
      </p>
    </section>
  );
}
