import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KeychainUnavailableError } from './database-key.ts';
import { EXIT_STARTUP_FAILED, reportStartupFailure } from './startup-failure.ts';
import { recordingLogger } from './test-fakes.ts';

describe('reportStartupFailure', () => {
  it('logs, shows a dialog that tells IT what to do, and exits non-zero', () => {
    const { log, records } = recordingLogger();
    const dialogs: string[][] = [];
    const exits: number[] = [];
    reportStartupFailure(new KeychainUnavailableError('The OS keychain (safeStorage) is not available'), {
      log,
      showErrorBox: (title, content) => dialogs.push([title, content]),
      exit: (code) => exits.push(code),
    });
    assert.equal(records[0]?.msg, 'startup refused');
    assert.match(String(records[0]?.error), /KeychainUnavailableError/);
    assert.equal(dialogs.length, 1);
    assert.match(dialogs[0]?.[1] ?? '', /liên hệ bộ phận IT/);
    assert.match(dialogs[0]?.[1] ?? '', /GNOME Keyring or KWallet/);
    assert.deepEqual(exits, [EXIT_STARTUP_FAILED]);
  });
});
