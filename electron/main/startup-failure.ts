/** A failure that stops the app before the window opens: one log line, one dialog, a non-zero exit. */
import type { Logger } from '../../services/log.ts';
import { DatabaseKeyError, KeychainUnavailableError } from './database-key.ts';

export interface StartupFailureOutputs {
  log: Logger;
  showErrorBox(title: string, content: string): void;
  exit(code: number): void;
}

export const EXIT_STARTUP_FAILED = 78;

export function startupFailureText(error: unknown): { title: string; content: string } {
  const reason = error instanceof Error ? error.message : String(error);
  if (error instanceof KeychainUnavailableError) {
    return {
      title: 'TiepDon không thể khởi động / TiepDon cannot start',
      content:
        'Không bảo vệ được khoá cơ sở dữ liệu: kho khoá của hệ điều hành chưa sẵn sàng. Hãy liên hệ bộ phận IT.\n' +
        `${reason}.\nIT: start the desktop session's keychain (GNOME Keyring or KWallet on Linux), then start TiepDon again.`,
    };
  }
  if (error instanceof DatabaseKeyError) {
    return {
      title: 'TiepDon không thể khởi động / TiepDon cannot start',
      content: `Không đọc được khoá cơ sở dữ liệu. Hãy liên hệ bộ phận IT.\n${reason}.`,
    };
  }
  return { title: 'TiepDon không thể khởi động / TiepDon cannot start', content: reason };
}

export function reportStartupFailure(error: unknown, outputs: StartupFailureOutputs): void {
  const { title, content } = startupFailureText(error);
  outputs.log.error('startup refused', { error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  outputs.showErrorBox(title, content);
  outputs.exit(EXIT_STARTUP_FAILED);
}
