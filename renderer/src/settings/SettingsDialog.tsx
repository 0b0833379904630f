import type { DevicesSnapshot } from '../../../domain/api.ts';
import { AdminGate } from './AdminGate.tsx';
import { SettingsPanel } from './SettingsPanel.tsx';
import { addDeskMessages } from '../i18n/desk-messages.ts';

addDeskMessages();

interface SettingsDialogProps {
  devices: DevicesSnapshot | undefined;
  onClose: () => void;
}

/** IT's settings behind the admin PIN: loaded on demand, the desk never needs it to start. */
export default function SettingsDialog({ devices, onClose }: SettingsDialogProps) {
  return (
    <AdminGate onClose={onClose}>
      <SettingsPanel devices={devices} onClose={onClose} />
    </AdminGate>
  );
}
