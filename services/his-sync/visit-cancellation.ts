/**
 * Cancelling a visit: its status, its waiting payment, the HIS change and the
 * audit line in one transaction, so the HIS hears of every cancellation the desk keeps (after
 * the check-in it cancels: the outbox sends a visit's items in order).
 */
import type { CheckinStore } from '../../db/checkin-store.ts';
import { canChangeVisitStatus, type VisitStatus } from '../../domain/checkin/index.ts';
import { AppError } from '../../domain/errors.ts';
import type { VisitCancelInput } from '../../domain/sync-api.ts';
import { enqueueVisitChange } from './visit-changes.ts';

export interface VisitCancellationOptions {
  store: CheckinStore | undefined;
  desk: string;
  /** Who acts, as the audit log and the records name them: the signed-in clerk. */
  user: () => string;
  now?: () => Date;
  /** Inside the transaction: cancel the visit's waiting payment, so no money is taken for it and the HIS is no longer asked. */
  cancelPayment?: (visitId: number) => void;
  /** After the transaction: wake the sync worker. */
  onQueued?: () => void;
}

export function createVisitCancellation(options: VisitCancellationOptions) {
  const now = options.now ?? (() => new Date());
  return {
    cancel({ visitId, reasonCode }: VisitCancelInput): { visitId: number; status: 'cancelled' } {
      const store = options.store;
      if (!store) throw new AppError('DB_NOT_READY', 'The patient database is not open');
      store.transaction(() => {
        const visit = store.visits.find(visitId);
        if (!visit) throw new AppError('VISIT_NOT_FOUND', `No visit ${visitId}`);
        if (visit.status === 'cancelled') return;
        if (!canChangeVisitStatus(visit.status as VisitStatus, 'cancelled')) {
          throw new AppError('BAD_INPUT', `A ${visit.status} visit cannot be cancelled`, [{ path: ['visitId'], message: 'cannot be cancelled', rule: 'custom' }]);
        }
        store.visits.update(visitId, { status: 'cancelled' });
        options.cancelPayment?.(visitId);
        enqueueVisitChange(store, visitId, { type: 'cancellation', reasonCode, at: now().toISOString() });
        store.audit.append({ desk: options.desk, user: options.user(), action: 'visit.cancel', patientId: visit.patientId, detail: { visitId, reasonCode } });
      });
      options.onQueued?.();
      return { visitId, status: 'cancelled' };
    },
  };
}
