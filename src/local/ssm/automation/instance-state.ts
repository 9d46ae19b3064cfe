// EC2 instance state changes the local fleet's Automation makes (aws:changeInstanceState, and StopInstances,
// StartInstances, RebootInstances, TerminateInstances called through aws:executeAwsApi). The node passes through
// EC2's transitional states on the fleet clock — running → stopping → stopped, stopped → pending → running —
// so DescribeInstances (and the instances view) show it stop and start; its agent goes quiet while it is down.

import type {Ec2State, FleetModel, FleetNode} from '../../model/fleet-model.js';
import type {FleetClock} from './clock.js';

/** How long the transitional states last on the fleet clock (real EC2 takes tens of seconds; these are short). */
export const STOPPING_MS = 10_000;
export const PENDING_MS = 10_000;
export const SHUTTING_DOWN_MS = 10_000;

export type DesiredState = 'running' | 'stopped' | 'terminated';

export class InstanceStateError extends Error {
  constructor(readonly code: string, message: string) {
    super(message);
  }
}

/** The EC2 node, or InvalidInstanceID.NotFound / .Malformed as EC2 answers. */
export function ec2Node(model: FleetModel, instanceId: string): FleetNode {
  if (!/^i-[0-9a-f]{8,17}$/.test(instanceId)) throw new InstanceStateError('InvalidInstanceID.Malformed', `Invalid id: "${instanceId}"`);
  const node = model.get(instanceId);
  if (node?.ec2 === undefined) throw new InstanceStateError('InvalidInstanceID.NotFound', `The instance ID '${instanceId}' does not exist`);
  return node;
}

function set(model: FleetModel, instanceId: string, state: Ec2State, now: number): void {
  model.update(instanceId, (n) => {
    if (n.ec2 === undefined) return;
    n.ec2.state = state;
    if (state === 'running') {
      n.pingStatus = 'Online';
      n.lastPingAt = now;
    } else if (state === 'stopping' || state === 'shutting-down') {
      n.pingStatus = 'ConnectionLost';
    }
  });
}

/**
 * Starts the change toward `desired` unless the instance is there or on its way; returns the previous state.
 * Starting a terminated instance or stopping one that is terminating is refused as EC2 refuses it.
 */
export function requestState(model: FleetModel, clock: FleetClock, instanceId: string, desired: DesiredState): Ec2State {
  const node = ec2Node(model, instanceId);
  const from = (node.ec2 as NonNullable<FleetNode['ec2']>).state;
  const later = (ms: number, state: Ec2State, when: Ec2State): void => {
    clock.at(clock.now() + ms, () => {
      if (model.get(instanceId)?.ec2?.state === when) set(model, instanceId, state, clock.now());
    });
  };
  if (from === 'terminated' || (from === 'shutting-down' && desired !== 'terminated')) {
    throw new InstanceStateError('IncorrectInstanceState', `The instance '${instanceId}' is not in a state from which it can be ${desired === 'running' ? 'started' : 'stopped'}.`);
  }
  if (desired === 'stopped' && (from === 'running' || from === 'pending')) {
    set(model, instanceId, 'stopping', clock.now());
    later(STOPPING_MS, 'stopped', 'stopping');
  } else if (desired === 'running' && from === 'stopped') {
    set(model, instanceId, 'pending', clock.now());
    later(PENDING_MS, 'running', 'pending');
  } else if (desired === 'running' && from === 'stopping') {
    throw new InstanceStateError('IncorrectInstanceState', `The instance '${instanceId}' is not in a state from which it can be started.`);
  } else if (desired === 'terminated' && from !== 'shutting-down') {
    set(model, instanceId, 'shutting-down', clock.now());
    later(SHUTTING_DOWN_MS, 'terminated', 'shutting-down');
  }
  return from;
}

export function currentState(model: FleetModel, instanceId: string): Ec2State {
  return (ec2Node(model, instanceId).ec2 as NonNullable<FleetNode['ec2']>).state;
}
