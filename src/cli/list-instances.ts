// `fleetdeck instances`: connect, then print the fleet of every context in the format asked for. A table runs here;
// JSON and CSV stream, and run in a worker of their own (stream-worker.ts).
import type {Args} from './flags.js';
import {connect, type ConnectOptions} from './connect.js';
import {printInstances, type InstancesFormat} from './instances-command.js';

export const instancesFormat = (args: Args): InstancesFormat =>
  args.output === 'json' || args.output === 'csv' ? args.output : 'table';

/** What a listing needs, all of it plain data: a streamed listing's worker gets it as its workerData. */
export interface InstancesJob {
  args: Args;
  connect: ConnectOptions;
  tagColumns: readonly string[];
}

export async function listInstances({args, connect: options, tagColumns}: InstancesJob): Promise<number> {
  const conn = await connect(args, options);
  try {
    const {FleetLoader} = await import('../aws/instances/fleet-loader.js');
    const {readAcross} = await import('./contexts-headless.js');
    const format = instancesFormat(args);
    const now = Date.now();
    return await readAcross(conn, format, process, async (aws, stdout, place) => {
      await printInstances(new FleetLoader(aws).pages(), stdout, {format, tagColumns, now,
        ...(place ? {place: {account: place.accountId, region: place.region}} : {}),
        ...(args.filter !== undefined ? {filter: args.filter} : {})});
      return 0;
    });
  } finally {
    conn.close();
  }
}
