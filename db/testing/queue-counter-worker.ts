/** A second process-like user of the same database file: increments a counter and reports the numbers it got. */
import { parentPort, workerData } from 'node:worker_threads';
import { openDatabase } from '../connection.ts';
import { createQueueCounterRepository } from '../queue-counters.ts';

const { file, key, counterKey, count } = workerData as { file: string; key: Uint8Array; counterKey: string; count: number };
const opened = openDatabase({ file, key: Buffer.from(key) });
const counter = createQueueCounterRepository(opened.db);
const numbers: number[] = [];
for (let i = 0; i < count; i += 1) numbers.push(counter.increment(counterKey));
opened.close();
parentPort?.postMessage(numbers);
