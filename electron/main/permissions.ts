/**
 * Web permissions: the camera (patient photo, QR from the webcam) for our own
 * origin in a trusted window's main frame; everything else, microphone
 * included, is denied.
 */
import type { Logger } from '../../services/log.ts';
import { isAppUrl } from './app-origin.ts';

export interface PermissionRequestDetails {
  readonly requestingUrl: string;
  readonly isMainFrame: boolean;
  readonly mediaTypes?: readonly string[];
}

export interface PermissionCheckDetails {
  readonly isMainFrame: boolean;
  readonly requestingUrl?: string;
  readonly securityOrigin?: string;
  readonly embeddingOrigin?: string;
  readonly mediaType?: string;
}

export type IsTrustedContents = (contents: { readonly id: number } | null) => boolean;

export function allowPermissionRequest(permission: string, details: PermissionRequestDetails): boolean {
  if (permission !== 'media') return false;
  if (!details.isMainFrame || !isAppUrl(details.requestingUrl)) return false;
  const mediaTypes = details.mediaTypes ?? [];
  return mediaTypes.length > 0 && mediaTypes.every((type) => type === 'video');
}

export function allowPermissionCheck(permission: string, requestingOrigin: string, details: PermissionCheckDetails): boolean {
  if (permission !== 'media') return false;
  if (!isAppUrl(requestingOrigin) || details.embeddingOrigin !== undefined) return false;
  if (details.securityOrigin !== undefined && !isAppUrl(details.securityOrigin)) return false;
  return details.mediaType !== 'audio';
}

export interface PermissionSession<C> {
  setPermissionRequestHandler(
    handler: (contents: C, permission: string, callback: (granted: boolean) => void, details: PermissionRequestDetails) => void,
  ): void;
  setPermissionCheckHandler(
    handler: (contents: C | null, permission: string, requestingOrigin: string, details: PermissionCheckDetails) => boolean,
  ): void;
  setDevicePermissionHandler(handler: () => boolean): void;
}

export function installPermissionPolicy<C extends { readonly id: number }>(
  session: PermissionSession<C>,
  isTrusted: IsTrustedContents,
  log: Logger,
): void {
  session.setPermissionRequestHandler((contents, permission, callback, details) => {
    const granted = isTrusted(contents) && allowPermissionRequest(permission, details);
    if (!granted) log.warn('permission denied', { permission, mediaTypes: details.mediaTypes?.join(',') });
    callback(granted);
  });
  session.setPermissionCheckHandler(
    (contents, permission, requestingOrigin, details) => isTrusted(contents) && allowPermissionCheck(permission, requestingOrigin, details),
  );
  // WebHID, Web Serial and WebUSB: devices belong to the device host, never to the page.
  session.setDevicePermissionHandler(() => false);
}
