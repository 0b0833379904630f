import { useEffect, useState } from 'react';
import type { DeskSettings } from '../../../domain/visit-api.ts';
import { useBridge } from '../app/bridge-context.ts';
import { useConnected } from '../status/use-connected.ts';

/** The desk's settings as the shell uses them (hospital name, idle sign-out), read again whenever `round` changes (the settings closed). */
export function useDeskSettings(round: number): DeskSettings | undefined {
  const { client } = useBridge();
  const connected = useConnected();
  const [desk, setDesk] = useState<DeskSettings | undefined>(undefined);
  useEffect(() => {
    if (!connected) return;
    let live = true;
    void client.call('settings.desk.get', {}).then((answer) => live && answer.ok && setDesk(answer.value));
    return () => {
      live = false;
    };
  }, [client, connected, round]);
  return desk;
}
