// FleetdeckLocal.* — the local fleet's own control target, for other processes (e2e tests, benchmarks)
// that reach the endpoint over the wire. Same AWS JSON 1.1 protocol and SigV4 check (signing name ssm).
//   FleetdeckLocal.InjectFault         body: Fault            → {}
//   FleetdeckLocal.ClearFaults                                → {}
//   FleetdeckLocal.GetRequestCounts                           → {"RequestCounts": {"ssm:DescribeInstanceInformation": 3, …}}
//   FleetdeckLocal.ResetRequestCounts                         → {}
//   FleetdeckLocal.DropDataChannels   body: {SessionId?}     → {"Dropped": n}  (sockets cut as a network failure
//                                                               would; the sessions stay and can be resumed)
//   FleetdeckLocal.Shutdown                                   → {}  (answers, then closes the fleet: what
//                                                               `fleetdeck local-fleet --stop` calls)

import {parseFault, type FaultInjector} from './faults.js';
import type {JsonOperation} from './operation-context.js';
import {sessionServiceFor} from './session-service.js';

export const CONTROL_TARGET_PREFIX = 'FleetdeckLocal';
export const CONTROL_SIGNING_NAME = 'ssm';

export interface ControlState {
  faults: FaultInjector;
  counts: Map<string, number>;
  /** Closes the fleet once the current answer has gone out. */
  shutdown: () => void;
}

export function controlOperations(state: ControlState): Readonly<Record<string, JsonOperation>> {
  return {
    InjectFault: (input) => {
      state.faults.inject(parseFault(input));
      return {};
    },
    ClearFaults: () => {
      state.faults.clear();
      return {};
    },
    GetRequestCounts: () => ({RequestCounts: Object.fromEntries(state.counts)}),
    ResetRequestCounts: () => {
      state.counts.clear();
      return {};
    },
    DropDataChannels: (input, ctx) => {
      const only = typeof input['SessionId'] === 'string' ? input['SessionId'] : undefined;
      const sessions = sessionServiceFor(ctx.model).all().filter((s) => only === undefined || s.sessionId === only);
      return {Dropped: sessions.filter((s) => s.dropConnection()).length};
    },
    Shutdown: () => {
      state.shutdown();
      return {};
    },
  };
}
