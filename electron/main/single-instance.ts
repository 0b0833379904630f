/**
 * One TiepDon per user session: a second launch (a double click on the
 * shortcut, a card-reader autostart) hands over to the running app, which
 * brings its window to the front. Two instances would fight over the card
 * reader, the serial scanners and the database.
 */
import type { Logger } from '../../services/log.ts';

export interface SingleInstanceApp {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: 'second-instance', listener: () => void): unknown;
}

export interface FocusableWindow {
  isDestroyed(): boolean;
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

/**
 * Takes the lock, or quits when another instance holds it. On success, later
 * launches focus the window `currentWindow` returns (none yet during startup).
 */
export function claimSingleInstance(app: SingleInstanceApp, currentWindow: () => FocusableWindow | undefined, log: Logger): boolean {
  if (!app.requestSingleInstanceLock()) {
    log.info('another TiepDon is already running; handing over to it');
    app.quit();
    return false;
  }
  app.on('second-instance', () => {
    const window = currentWindow();
    log.info('a second launch was handed over', { window: window && !window.isDestroyed() ? 'focused' : 'none yet' });
    if (!window || window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  });
  return true;
}
