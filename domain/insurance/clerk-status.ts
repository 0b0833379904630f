import type { InsuranceCheckStatus, InsuranceCheckView } from '../insurance-api.ts';

/**
 * The status the clerk is shown. A check the services retry in the background
 * after a failed attempt is briefly 'running' again; to the clerk it is still
 * "to verify — carry on", not a new check to wait for.
 */
export function clerkStatus(check: Pick<InsuranceCheckView, 'status' | 'result' | 'lastFailure'>): InsuranceCheckStatus {
  return check.status === 'running' && check.result === null && check.lastFailure !== null ? 'to-verify' : check.status;
}
