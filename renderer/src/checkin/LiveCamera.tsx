import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { recordTestEvent } from '../testing/record-test-event.ts';

/** The desk camera, live, beside the chip photo; a failed camera says so and the check goes on by eye. */
export function LiveCamera() {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<'starting' | 'live' | 'unavailable'>('starting');

  useEffect(() => {
    let stream: MediaStream | undefined;
    let live = true;
    const element = video.current;
    if (!element || !navigator.mediaDevices?.getUserMedia) {
      setState('unavailable');
      recordTestEvent('biometric-camera', { state: 'unavailable' });
      return;
    }
    navigator.mediaDevices
      .getUserMedia({ audio: false, video: { facingMode: 'user' } })
      .then((opened) => {
        if (!live) {
          opened.getTracks().forEach((track) => track.stop());
          return;
        }
        stream = opened;
        element.srcObject = opened;
        element.addEventListener(
          'playing',
          () => {
            if (!live) return;
            setState('live');
            recordTestEvent('biometric-camera', { state: 'live' });
          },
          { once: true },
        );
        void element.play().catch(() => {});
      })
      .catch(() => {
        if (!live) return;
        setState('unavailable');
        recordTestEvent('biometric-camera', { state: 'unavailable' });
      });
    return () => {
      live = false;
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, []);

  return (
    <figure className="biometric__frame" data-testid="biometric-camera" data-state={state}>
      <video ref={video} className={state === 'unavailable' ? 'biometric__video biometric__video--off' : 'biometric__video'} muted playsInline />
      <figcaption>{state === 'unavailable' ? t('checkin.biometric.cameraUnavailable') : t('checkin.biometric.liveCamera')}</figcaption>
    </figure>
  );
}
