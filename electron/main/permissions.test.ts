import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  allowPermissionCheck,
  allowPermissionRequest,
  installPermissionPolicy,
  type PermissionCheckDetails,
  type PermissionRequestDetails,
  type PermissionSession,
} from './permissions.ts';
import { recordingLogger } from './test-fakes.ts';

const OWN = 'app://tiepdon/index.html';
const camera = (requestingUrl = OWN, isMainFrame = true): PermissionRequestDetails => ({ requestingUrl, isMainFrame, mediaTypes: ['video'] });

describe('permission requests', () => {
  it('allows the camera for our origin in the main frame', () => {
    assert.equal(allowPermissionRequest('media', camera()), true);
  });

  it('denies the camera to other origins and to subframes', () => {
    assert.equal(allowPermissionRequest('media', camera('https://evil.example/')), false);
    assert.equal(allowPermissionRequest('media', camera('file:///tmp/x.html')), false);
    assert.equal(allowPermissionRequest('media', camera('app://tiepdon.evil.example/')), false);
    assert.equal(allowPermissionRequest('media', camera(OWN, false)), false);
  });

  it('denies the microphone, alone or with the camera, and a media request naming no device', () => {
    assert.equal(allowPermissionRequest('media', { requestingUrl: OWN, isMainFrame: true, mediaTypes: ['audio'] }), false);
    assert.equal(allowPermissionRequest('media', { requestingUrl: OWN, isMainFrame: true, mediaTypes: ['video', 'audio'] }), false);
    assert.equal(allowPermissionRequest('media', { requestingUrl: OWN, isMainFrame: true, mediaTypes: [] }), false);
    assert.equal(allowPermissionRequest('media', { requestingUrl: OWN, isMainFrame: true }), false);
  });

  it('denies every other permission, even for our origin', () => {
    for (const permission of ['geolocation', 'notifications', 'display-capture', 'clipboard-read', 'openExternal', 'hid', 'serial', 'usb', 'fullscreen', 'unknown']) {
      assert.equal(allowPermissionRequest(permission, camera()), false, permission);
    }
  });
});

describe('permission checks', () => {
  const check = (details: Partial<PermissionCheckDetails> = {}): PermissionCheckDetails => ({ isMainFrame: true, securityOrigin: 'app://tiepdon/', mediaType: 'video', ...details });

  it('allows a camera check from our origin (with or without a trailing slash)', () => {
    assert.equal(allowPermissionCheck('media', 'app://tiepdon/', check()), true);
    assert.equal(allowPermissionCheck('media', 'app://tiepdon', check({ mediaType: 'unknown' })), true);
  });

  it('denies checks from other origins, embedded frames and for the microphone', () => {
    assert.equal(allowPermissionCheck('media', 'https://evil.example/', check({ securityOrigin: 'https://evil.example/' })), false);
    assert.equal(allowPermissionCheck('media', 'app://tiepdon/', check({ securityOrigin: 'https://evil.example/' })), false);
    assert.equal(allowPermissionCheck('media', 'app://tiepdon/', check({ embeddingOrigin: 'https://evil.example/' })), false);
    assert.equal(allowPermissionCheck('media', 'app://tiepdon/', check({ mediaType: 'audio' })), false);
  });

  it('denies checks for other permissions', () => {
    for (const permission of ['geolocation', 'notifications', 'clipboard-read', 'hid', 'serial', 'usb']) {
      assert.equal(allowPermissionCheck(permission, 'app://tiepdon/', check()), false, permission);
    }
  });
});

describe('installPermissionPolicy', () => {
  type Contents = { id: number };
  function install(trustedIds: number[]) {
    const installed: {
      request?: Parameters<PermissionSession<Contents>['setPermissionRequestHandler']>[0];
      check?: Parameters<PermissionSession<Contents>['setPermissionCheckHandler']>[0];
      device?: () => boolean;
    } = {};
    const session: PermissionSession<Contents> = {
      setPermissionRequestHandler: (handler) => (installed.request = handler),
      setPermissionCheckHandler: (handler) => (installed.check = handler),
      setDevicePermissionHandler: (handler) => (installed.device = handler),
    };
    const { log, records } = recordingLogger();
    installPermissionPolicy(session, (contents) => contents !== null && trustedIds.includes(contents.id), log);
    const request = (contents: Contents, permission: string, details: PermissionRequestDetails) => {
      let granted: boolean | undefined;
      installed.request?.(contents, permission, (answer) => (granted = answer), details);
      return granted;
    };
    return { installed, request, records };
  }

  it('grants the camera to a trusted window and answers every request', () => {
    const { request } = install([1]);
    assert.equal(request({ id: 1 }, 'media', camera()), true);
    assert.equal(request({ id: 1 }, 'geolocation', camera()), false);
  });

  it('denies the camera to a webContents the app did not create, and logs the denial', () => {
    const { request, records } = install([1]);
    assert.equal(request({ id: 2 }, 'media', camera()), false);
    assert.equal(records[0]?.msg, 'permission denied');
  });

  it('checks: trusted window and own origin only; no contents means no', () => {
    const { installed } = install([1]);
    const details: PermissionCheckDetails = { isMainFrame: true, mediaType: 'video' };
    assert.equal(installed.check?.({ id: 1 }, 'media', 'app://tiepdon/', details), true);
    assert.equal(installed.check?.({ id: 2 }, 'media', 'app://tiepdon/', details), false);
    assert.equal(installed.check?.(null, 'media', 'app://tiepdon/', details), false);
  });

  it('refuses WebHID, Web Serial and WebUSB device access to the page', () => {
    assert.equal(install([1]).installed.device?.(), false);
  });
});
