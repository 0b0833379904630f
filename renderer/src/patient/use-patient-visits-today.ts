import { useEffect, useState } from 'react';
import type { ApiClient } from '../../../domain/api.ts';

/**
 * The queue numbers the open patient already holds today (cancelled visits
 * left out), for the banner: asked when the patient opens and again after a
 * number is issued (`issued` changes). Empty while unknown or offline.
 */
export function usePatientVisitsToday(client: ApiClient, patientId: number | undefined, issued: string | undefined): readonly string[] {
  const [numbers, setNumbers] = useState<readonly string[]>([]);
  useEffect(() => {
    setNumbers([]);
    if (patientId === undefined) return;
    let current = true;
    void client.call('visits.today', {}).then((answer) => {
      if (!current || !answer.ok) return;
      setNumbers(answer.value.visits.filter((visit) => visit.patientId === patientId && visit.status !== 'cancelled').map((visit) => visit.queueNumber.display));
    });
    return () => {
      current = false;
    };
  }, [client, patientId, issued]);
  return numbers;
}
