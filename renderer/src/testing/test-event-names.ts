/**
 * Named moments the app announces so end-to-end tests can wait for them instead
 * of sleeping. Each is recorded after the screen shows what it describes.
 */
export const TEST_EVENT_NAMES = [
  'app-ready',
  'status-loaded',
  'devices-changed',
  'bridge-connected',
  'bridge-disconnected',
  'language-changed',
  'card-progress',
  'card-read-done',
  'card-read-failed',
  'card-armed',
  'wedge-scan',
  'scan-shown',
  'scan-failed',
  'scan-confirmed',
  'camera-ready',
  'camera-failed',
  'camera-closed',
  'admin-gate-shown',
  'admin-unlocked',
  'admin-refused',
  'admin-pin-changed',
  'diagnostics-loaded',
  'diagnostics-exported',
  'settings-opened',
  'settings-closed',
  'settings-loaded',
  'settings-saved',
  'settings-section-shown',
  'settings-save-failed',
  'scan-test-done',
  'scan-test-failed',
  'scan-refused',
  'patient-search-done',
  'patient-opened',
  'patient-form-opened',
  'patient-differences',
  'patient-saved',
  'patient-save-failed',
  'patient-unsaved-asked',
  'patient-unsaved-kept',
  'key-unused',
  'visit-second-asked',
  'visit-corrected',
  'payment-reopened',
  'payment-reopen-failed',
  'visit-created',
  'visit-create-failed',
  'today-loaded',
  'payment-ready',
  'payment-changed',
  'payment-failed',
  'payment-confirm-failed',
  'payment-back',
  'payment-settings-loaded',
  'payment-settings-saved',
  'payment-settings-save-failed',
  'insurance-running',
  'insurance-shown',
  'insurance-failed',
  'insurance-settings-loaded',
  'insurance-settings-saved',
  'insurance-settings-save-failed',
  'insurance-test-done',
  'ticket-printed',
  'ticket-print-failed',
  'biometric-prompted',
  'biometric-not-needed',
  'biometric-decided',
  'biometric-failed',
  'biometric-camera',
  'checkin-finished',
  'checkin-step',
  'checkin-refused',
  'checkin-next',
  'desk-settings-saved',
  'xml0-exported',
  'visit-cancelled',
  'clinics-saved',
  'visit-cancel-failed',
  'xml0-export-failed',
  'sync-status',
  'his-settings-loaded',
  'his-settings-saved',
  'his-settings-save-failed',
  'his-test-done',
  'sync-retried',
  'demo-ready',
  'demo-changed',
  'demo-failed',
  'demo-settings-loaded',
  'demo-settings-saved',
  'clerk-status',
  'clerk-idle-sign-out',
  'clerk-idle-watch',
  'clerk-signed-in',
  'clerk-refused',
  'clerks-saved',
  'settings-unsaved-asked',
] as const;

export type TestEventName = (typeof TEST_EVENT_NAMES)[number];

export type TestEventDetail = Readonly<Record<string, string | number | boolean>>;

export interface TestEvent {
  /** Increases by one per event within a page load, so a test can ask for events after a point. */
  readonly seq: number;
  readonly name: TestEventName;
  readonly detail: TestEventDetail;
}

/** The window property holding every event of this page load, oldest first. */
export const TEST_EVENTS_KEY = '__tiepdonTestEvents';
/** Set on the window (before the app loads) by the test rig: only then are test events kept at all. */
export const TEST_HOOKS_KEY = '__tiepdonTestHooks';
/** The CustomEvent type dispatched on window for each event; its `detail` is the TestEvent. */
export const TEST_EVENT_TYPE = 'tiepdon:test-event';
