// What `amazon-ssm-agent -register -code … -id … -region …` does against the local fleet: the agent presents the
// activation code and id, and SSM answers with a new `mi-` id or refuses (unknown id, wrong code, another region,
// expired, limit reached). The new node takes the activation's default instance name, IAM role and tags.

import {randomBytes} from 'node:crypto';
import {LATEST_AGENT_VERSION, PLATFORMS, WINDOWS_PLATFORMS, type PlatformSpec} from '../../model/fleet-catalog.js';
import type {FleetModel, FleetNode} from '../../model/fleet-model.js';
import {ServiceError} from '../../protocol/service-error.js';
import {registrationRefusal} from '../../../fleet/activations/activation.js';
import {activationStoreFor} from './store.js';

export interface RegistrationRequest {
  activationId: string;
  activationCode: string;
  region: string;
  /** What the machine reports about itself (defaults: a Linux host). */
  hostname?: string;
  platformType?: 'Linux' | 'Windows';
  ipAddress?: string;
}

function invalidActivation(why: string): ServiceError {
  return new ServiceError('InvalidActivation', `The activation isn't valid: ${why}.`);
}

function newManagedInstanceId(model: FleetModel): string {
  for (;;) {
    const id = `mi-0${randomBytes(8).toString('hex')}`;
    if (model.get(id) === undefined) return id;
  }
}

function platformFor(type: 'Linux' | 'Windows'): PlatformSpec {
  const list = type === 'Windows' ? WINDOWS_PLATFORMS : PLATFORMS;
  const spec = list.find((p) => p.key === 'ubuntu2404') ?? list[0];
  if (spec === undefined) throw new Error('the platform catalog is empty');
  return spec;
}

/** Registers a machine with an activation; returns the new node (already in the fleet). */
export function registerManagedInstance(model: FleetModel, req: RegistrationRequest, now: number): FleetNode {
  const store = activationStoreFor(model);
  const activation = store.get(req.activationId);
  if (activation === undefined || !store.codeMatches(activation, req.activationCode)) {
    throw invalidActivation('the activation might have been deleted, or the ActivationId and the ActivationCode do not match');
  }
  if (req.region !== model.region) throw invalidActivation(`the activation does not exist in ${req.region}`);
  const refusal = registrationRefusal(activation, now);
  if (refusal !== undefined) throw invalidActivation(refusal);
  const platform = platformFor(req.platformType ?? 'Linux');
  const instanceId = newManagedInstanceId(model);
  const host = req.hostname ?? `host-${instanceId.slice(-6)}.example.internal`;
  const node: FleetNode = {
    instanceId,
    resourceType: 'ManagedInstance',
    name: activation.defaultInstanceName ?? '',
    tags: Object.fromEntries(activation.tags),
    pingStatus: 'Online',
    lastPingAt: now,
    agentVersion: LATEST_AGENT_VERSION,
    isLatestVersion: platform.platformType === 'Linux' ? true : undefined,
    platformType: platform.platformType,
    platformName: platform.platformName,
    platformVersion: platform.platformVersion,
    ipAddress: req.ipAddress ?? '192.168.200.10',
    computerName: host,
    associationStatus: 'Success',
    associationCounts: {},
    registrationDate: now,
    activationId: activation.activationId,
    iamRole: activation.iamRole,
    sourceId: instanceId,
    sourceType: 'AWS::SSM::ManagedInstance',
  };
  model.add(node);
  activation.registrationsCount++;
  return node;
}
