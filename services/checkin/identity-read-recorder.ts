/**
 * Keeps what a chip read proves about a known patient: each successful
 * card.result whose CCCD belongs to a registered patient becomes an identity
 * read (verification status, the photo, the read without the photo) and an
 * audit line. The read of a card whose holder is not registered waits in
 * memory for a few minutes: registering that CCCD then keeps it; otherwise it
 * is dropped. Retention purges photos and raw reads at start and then daily.
 */
import type { CheckinStore } from '../../db/checkin-store.ts';
import type { PurgeCounts } from '../../db/identity-reads.ts';
import type { CardResultEvent } from '../../domain/card.ts';
import type { EventBus } from '../event-bus.ts';
import type { Logger } from '../log.ts';

export const RETENTION_INTERVAL_MS = 86_400_000;
/** How long the chip read of an unregistered holder waits for the registration. */
export const UNREGISTERED_READ_TTL_MS = 10 * 60_000;

export interface IdentityReadRecorderOptions {
  store: CheckinStore | undefined;
  events: EventBus;
  log: Logger;
  desk: string;
  /** Who acts, as the audit log and the records name them: the signed-in clerk. */
  user: () => string;
  /** Days chip photos and raw reads are kept; read again before every purge. */
  retentionDays: () => number;
  intervalMs?: number;
  now?: () => number;
}

export interface IdentityReadRecorder {
  /** Runs the retention purge now; undefined without a database. */
  purge(): PurgeCounts | undefined;
  /** A patient was registered or updated: keeps the waiting chip read of their CCCD, if any. */
  patientSaved(patient: { id: number; cccd: string | null }): void;
  close(): void;
}

/** The bytes of a data: URL of an image. */
export function decodeImageDataUrl(dataUrl: string): { mime: string; bytes: Uint8Array } | undefined {
  const match = /^data:(image\/(?:jpeg|png));base64,(.*)$/s.exec(dataUrl);
  if (!match?.[1] || match[2] === undefined) return undefined;
  return { mime: match[1], bytes: new Uint8Array(Buffer.from(match[2], 'base64')) };
}

export function startIdentityReadRecorder(options: IdentityReadRecorderOptions): IdentityReadRecorder {
  const { store, log } = options;

  const now = options.now ?? Date.now;
  /** At most one waiting read: the desk registers the patient whose card was just read. */
  let waiting: { cccd: string; event: CardResultEvent; at: number } | undefined;
  let dropTimer: NodeJS.Timeout | undefined;

  const record = (event: CardResultEvent): void => {
    if (!store || !event.ok) return;
    const cccd = event.result.holder.idNumber;
    if (cccd === undefined) return;
    const patient = store.patients.findByCccd(cccd);
    if (!patient) {
      waiting = { cccd, event, at: now() };
      // Not kept in memory past the wait, registered or not.
      clearTimeout(dropTimer);
      dropTimer = setTimeout(() => {
        waiting = undefined;
      }, UNREGISTERED_READ_TTL_MS);
      dropTimer.unref();
      return;
    }
    keep(patient.id, event);
  };

  const keep = (patientId: number, event: CardResultEvent): void => {
    if (!store || !event.ok) return;
    const { photo, ...raw } = event.result;
    const patient = { id: patientId };
    const image = photo ? decodeImageDataUrl(photo.dataUrl) : undefined;
    const verification = raw.verification.passive.status;
    store.transaction(() => {
      store.identityReads.record({ patientId: patient.id, source: 'chip', verification, ...(image ? { photo: image } : {}), raw });
      store.audit.append({
        desk: options.desk,
        user: options.user(),
        action: 'card-read',
        patientId: patient.id,
        detail: { source: 'chip', verification, photo: image !== undefined },
      });
    });
  };

  const unsubscribe = options.events.subscribe((name, payload) => {
    if (name !== 'card.result') return;
    try {
      record(payload as CardResultEvent);
    } catch (error) {
      log.error('identity read not stored', { error: error instanceof Error ? error.message : String(error) });
    }
  });

  const purge = (): PurgeCounts | undefined => {
    if (!store) return undefined;
    try {
      const counts = store.identityReads.purgeOlderThan(options.retentionDays());
      if (counts.photos > 0 || counts.rawReads > 0) log.info('identity reads purged', { ...counts });
      return counts;
    } catch (error) {
      log.error('identity read purge failed', { error: error instanceof Error ? error.message : String(error) });
      return undefined;
    }
  };

  purge();
  const timer = setInterval(purge, options.intervalMs ?? RETENTION_INTERVAL_MS);
  timer.unref();

  return {
    purge,
    patientSaved({ id, cccd }) {
      const read = waiting;
      if (!read || cccd === null || read.cccd !== cccd) return;
      waiting = undefined;
      if (now() - read.at > UNREGISTERED_READ_TTL_MS) return;
      try {
        keep(id, read.event);
      } catch (error) {
        log.error('identity read not stored', { error: error instanceof Error ? error.message : String(error) });
      }
    },
    close() {
      waiting = undefined;
      clearTimeout(dropTimer);
      clearInterval(timer);
      unsubscribe();
    },
  };
}
