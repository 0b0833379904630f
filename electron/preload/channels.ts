/** The only two IPC channels between the preload and main. */
export const CALL_CHANNEL = 'tiepdon:call';
export const EVENT_CHANNEL = 'tiepdon:event';
