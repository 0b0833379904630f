/**
 * Runs sandboxed before the page. Exposes `window.tiepdon` ({ call, on }) and
 * nothing else: no ipcRenderer, no channels, no process or environment.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge.ts';

export type { TiepdonBridge } from './bridge.ts';

contextBridge.exposeInMainWorld('tiepdon', createBridge(ipcRenderer));
