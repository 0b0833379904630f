/** PC/SC readers and cards over an injected binding (the device host passes the real addon). */
export type { PcscBinding } from './binding.ts';
export { connectCard, type CardSession, type ConnectOptions } from './card-session.ts';
export { DEFAULT_RETRY, NO_READER_MESSAGE, ReaderMonitor, type ReaderMonitorOptions, type RetryPolicy } from './reader-monitor.ts';
export type { PcscSnapshot, ReaderSnapshot } from './snapshot.ts';
