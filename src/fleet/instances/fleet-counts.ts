// How many instances are online, lost or otherwise: the header's summary of the fleet.
import type {ManagedInstance} from './instance.js';
import {perFleet} from './per-fleet.js';

export interface FleetCounts {
  total: number;
  online: number;
  lost: number;
  other: number;
}

/** Ping counts for the header, memoised per fleet array (the header renders on every key press). */
export const fleetCounts: (fleet: readonly ManagedInstance[]) => FleetCounts = perFleet(countFleet);

function countFleet(fleet: readonly ManagedInstance[]): FleetCounts {
  let online = 0;
  let lost = 0;
  for (const i of fleet) {
    if (i.pingStatus === 'Online') online++;
    else if (i.pingStatus === 'ConnectionLost') lost++;
  }
  return {total: fleet.length, online, lost, other: fleet.length - online - lost};
}
