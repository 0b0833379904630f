import { getI18n } from 'react-i18next';
import { viDesk } from './vi-desk.ts';

/**
 * Adds the desk's Vietnamese texts (DESK_SECTIONS) to the running i18next.
 * Each part that uses them (the desk, the settings, the payment screen) calls
 * this when its chunk loads, before it renders; English loads whole on demand.
 */
export function addDeskMessages(): void {
  getI18n().addResourceBundle('vi', 'translation', viDesk, true, false);
}
