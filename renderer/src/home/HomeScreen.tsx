import { useTranslation } from 'react-i18next';
import type { ErrorCode } from '../../../domain/errors.ts';
import { useBridge } from '../app/bridge-context.ts';
import type { ConnectionState } from '../bridge/connection.ts';
import { ScanProvider } from '../scan/ScanProvider.tsx';
import { useConnectionState } from '../status/use-connection-state.ts';
import { useSystemStatus, type StatusView } from '../status/use-system-status.ts';
import { DESK_KEYS } from '../keyboard/desk-keys.ts';
import { DeskStepContext, DeskStepStore } from '../keyboard/desk-step.ts';
import { DeskKeysContext, useShortcut } from '../keyboard/use-shortcut.ts';
import { ClerkContext, useClerkStatus } from '../clerk/use-clerk-status.ts';
import { SignIn } from '../clerk/SignIn.tsx';
import { useTestEvents } from '../testing/use-test-events.ts';
import { Suspense, useCallback, useState } from 'react';
import { lazyPart } from '../app/lazy-part.ts';
import { KeyHints } from './KeyHints.tsx';
import { useDeskSettings } from './use-desk-settings.ts';
import { useIdleSignOut } from '../clerk/use-idle-sign-out.ts';
import { recordTestEvent } from '../testing/record-test-event.ts';
import { Notice } from './Notice.tsx';
import { TopBar } from './TopBar.tsx';

// The desk in its own chunk, fetched at start: the sign-in shows first, and the desk is in memory when a clerk signs in.
const DeskWorkspace = lazyPart(() => import('./DeskWorkspace.tsx'), { prefetch: true });
const SettingsDialog = lazyPart(() => import('../settings/SettingsDialog.tsx'), { prefetch: false });

export function HomeScreen() {
  const { client, connection: connectionSource } = useBridge();
  const connection = useConnectionState(connectionSource);
  const view = useSystemStatus(client, connection);
  const { t, i18n } = useTranslation();
  const notice = noticeFor(connection, view);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [settingsRound, setSettingsRound] = useState(0);
  const [visitsChanged, setVisitsChanged] = useState(0);
  const [patientRound, setPatientRound] = useState(0);
  const closeSettings = (): void => {
    setSettingsOpen(false);
    setSettingsRound((n) => n + 1);
  };
  // Once open, F10 is the settings' own: they close only when nothing unsaved would be lost.
  useShortcut(DESK_KEYS.settings, () => setSettingsOpen(true), !settingsOpen);
  const [deskStep] = useState(() => new DeskStepStore());
  const clerk = useClerkStatus();
  const signedOut = clerk !== undefined && clerk.required && clerk.signedIn === null;
  // The desk appears once someone is signed in, and then stays mounted while clerks switch,
  // so the next clerk finds the patient in hand as it was (hidden, its keys off, meanwhile).
  const [deskOpened, setDeskOpened] = useState(false);
  if (!deskOpened && clerk !== undefined && !signedOut) setDeskOpened(true);
  const [signedInAs, setSignedInAs] = useState<string | null>(null);
  /** The minutes of the idle sign-out that signed the last clerk out, for the sign-in screen to say. */
  const [idleSignedOut, setIdleSignedOut] = useState<number | undefined>(undefined);
  const current = clerk?.signedIn?.code ?? null;
  if (current !== signedInAs) {
    setSignedInAs(current);
    // Another clerk's view of today's list may be out of date: ask again.
    if (current !== null && signedInAs !== null) setVisitsChanged((n) => n + 1);
    // The note on an idle sign-out is for the sign-in that follows it, not after.
    if (current !== null) setIdleSignedOut(undefined);
  }
  const [deskShown, setDeskShown] = useState(false);
  const showDesk = useCallback(() => setDeskShown(true), []);
  useTestEvents(view, connection, i18n.resolvedLanguage, deskShown || signedOut);
  const desk = useDeskSettings(settingsRound);
  const signedIn = clerk?.signedIn !== null && clerk?.signedIn !== undefined && clerk.required;
  useIdleSignOut(desk?.idleSignOutMinutes, signedIn && !settingsOpen, () => {
    setIdleSignedOut(desk?.idleSignOutMinutes);
    recordTestEvent('clerk-idle-sign-out', { minutes: desk?.idleSignOutMinutes ?? 0 });
    void client.call('clerks.signOut', { reason: 'idle' });
  });
  useShortcut(
    DESK_KEYS.switchClerk,
    () => void client.call('clerks.signOut', {}),
    signedIn && !settingsOpen,
  );

  return (
    <ScanProvider client={client} connection={connection}>
      <DeskStepContext value={deskStep}>
      <ClerkContext value={clerk}>
      <div className="shell">
        <TopBar status={view.status} connection={connection} onOpenSettings={() => setSettingsOpen(true)} hospitalName={desk?.hospitalName ?? ''} />
        {!deskOpened && !signedOut && (
          <main className="workspace workspace--waiting" aria-busy="true">
            {notice && <Notice code={notice} />}
            <p className="loading" data-testid="status-loading">
              {t('app.loading')}
            </p>
          </main>
        )}
        {signedOut && (
          <main className="workspace workspace--sign-in" inert={settingsOpen}>
            {notice && <Notice code={notice} />}
            {view.status?.database.ready === false && <Notice code="DB_NOT_READY" />}
            <SignIn status={clerk} idleMinutes={idleSignedOut} />
          </main>
        )}
        {deskOpened && (
        <DeskKeysContext value={!signedOut && !settingsOpen}>
        <main className="workspace" aria-busy={!view.status} inert={settingsOpen} hidden={signedOut}>
          <Suspense fallback={<p className="loading">{t('app.opening')}</p>}>
            <DeskWorkspace
              view={view}
              connection={connection}
              notice={notice}
              active={!settingsOpen && !signedOut}
              patientRound={patientRound}
              visitsChanged={visitsChanged}
              onVisitChanged={() => setVisitsChanged((n) => n + 1)}
              onNextPatient={() => setPatientRound((n) => n + 1)}
              onShown={showDesk}
            />
          </Suspense>
        </main>
        </DeskKeysContext>
        )}
        {deskOpened && !signedOut && <KeyHints active={!settingsOpen} />}
        {settingsOpen && (
          <Suspense fallback={<p className="loading">{t('app.opening')}</p>}>
            <SettingsDialog
              devices={view.status?.devices}
              onClose={closeSettings}
            />
          </Suspense>
        )}
      </div>
      </ClerkContext>
      </DeskStepContext>
    </ScanProvider>
  );
}

function noticeFor(connection: ConnectionState, view: StatusView): ErrorCode | undefined {
  if (connection === 'no-token') return 'UNAUTHORISED';
  if (connection === 'reconnecting' || connection === 'closed') return 'TRANSPORT_CLOSED';
  if (connection === 'connecting') return undefined;
  return view.error?.code;
}
