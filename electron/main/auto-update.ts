/**
 * Automatic updates, off by default: the packaged app checks its update feed
 * only when IT has turned the `updates` setting on. The updater itself
 * (electron-updater's autoUpdater) is passed in; a build without one says so
 * in the log instead of failing.
 */
import type { UpdateSettings } from '../../domain/update-api.ts';
import type { Logger } from '../../services/log.ts';

/** The slice of electron-updater's autoUpdater used here. */
export interface UpdaterLike {
  setFeedURL(options: { provider: 'generic'; url: string }): void;
  checkForUpdatesAndNotify(): Promise<unknown>;
}

export type UpdatePlan = { check: false; reason: 'not-packaged' | 'disabled' | 'no-updater' } | { check: true; feedUrl?: string };

export function planUpdateCheck(options: { isPackaged: boolean; settings: UpdateSettings; hasUpdater: boolean }): UpdatePlan {
  if (!options.settings.enabled) return { check: false, reason: 'disabled' };
  if (!options.isPackaged) return { check: false, reason: 'not-packaged' };
  if (!options.hasUpdater) return { check: false, reason: 'no-updater' };
  return options.settings.feedUrl ? { check: true, feedUrl: options.settings.feedUrl } : { check: true };
}

export async function checkForUpdates(options: {
  isPackaged: boolean;
  settings: UpdateSettings;
  updater: UpdaterLike | undefined;
  log: Logger;
}): Promise<UpdatePlan> {
  const plan = planUpdateCheck({ isPackaged: options.isPackaged, settings: options.settings, hasUpdater: options.updater !== undefined });
  if (!plan.check) {
    options.log.info('update check skipped', { reason: plan.reason });
    return plan;
  }
  try {
    if (plan.feedUrl) options.updater!.setFeedURL({ provider: 'generic', url: plan.feedUrl });
    await options.updater!.checkForUpdatesAndNotify();
  } catch (error) {
    // The reception keeps working on the installed version; IT sees why in the diagnostics.
    options.log.warn('update check failed', { error: error instanceof Error ? error.message : String(error) });
  }
  return plan;
}
