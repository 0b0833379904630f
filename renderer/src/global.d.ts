import type { PreloadBridge } from './bridge/preload-transport.ts';
import type { TestEvent } from './testing/test-event-names.ts';

declare global {
  interface Window {
    /** Present only in Electron, exposed by the preload through contextBridge. */
    readonly tiepdon?: PreloadBridge;
    __tiepdonTestEvents?: TestEvent[];
    /** True only when the test rig drives the page; the desk in use records no test events. */
    __tiepdonTestHooks?: boolean;
  }
}
