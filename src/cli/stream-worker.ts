// Headless JSON and CSV listings go out page by page, so what they hold at any moment is a page or two, whatever
// the fleet's size (the 50,000-node listing completes under a 40 MB heap cap). V8 still sizes a heap for
// throughput: its young generation grows to 32 MB over a long run, and garbage is promoted until the old generation
// is about four times what is live, so the process's RSS rose with the fleet (98 MB at 5,000 nodes, 136 MB at
// 50,000) though the work never held more. A worker is the one place Node lets a program cap a heap's young
// generation once it has started; the listing runs in one, with old-generation growth bounded (heap-growth.ts).
import {Worker} from 'node:worker_threads';
import {boundHeapGrowth} from '../heap-growth.js';
import {workerEntry} from '../worker-entry.js';
import {listInstances, type InstancesJob} from './list-instances.js';

/** The young generation of the listing's heap: two 2 MB semi-spaces and their large-object share. */
export const STREAM_YOUNG_GENERATION_MB = 6;

/**
 * Runs a JSON or CSV listing in a worker and resolves with its exit code. Its stdout and stderr reach this
 * process's own, in order and with back-pressure: a slow reader holds the listing back.
 */
export function streamInstances(job: InstancesJob): Promise<number> {
  const entry = workerEntry('instances-stream', import.meta.url);
  boundHeapGrowth();
  if (!entry) return listInstances(job); // run from sources (tests): no built worker entry to start
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry, {workerData: job, resourceLimits: {maxYoungGenerationSizeMb: STREAM_YOUNG_GENERATION_MB}});
    worker.once('error', reject);
    worker.once('exit', resolve);
  });
}
