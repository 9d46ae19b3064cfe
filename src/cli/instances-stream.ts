// The worker entry of a streamed `instances` listing (stream-worker.ts): the CLI has parsed the flags and read the
// config; this lists, prints, and ends the way the CLI would have.
import './process-setup.js';
import {resourceLimits, workerData} from 'node:worker_threads';
import {log} from '../log.js';
import {exitWhenFlushed, failureOf, failureText} from './exit.js';
import {listInstances, type InstancesJob} from './list-instances.js';

log.info('streamed listing in a worker', {youngGenerationMb: resourceLimits.maxYoungGenerationSizeMb});
listInstances(workerData as InstancesJob).then(exitWhenFlushed, (e: unknown) => {
  const {message, code} = failureOf(e);
  process.stderr.write(failureText(message));
  exitWhenFlushed(code);
});
