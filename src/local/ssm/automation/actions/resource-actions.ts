// aws:changeInstanceState (UG automation-action-changestate): moves local EC2 nodes to running, stopped or
// terminated through their transitional states and waits until every one is there; CheckStateOnly only waits.

import type {Action} from '../types.js';
import {StepFailure} from '../types.js';
import {currentState, InstanceStateError, requestState, type DesiredState} from '../instance-state.js';

const POLL_MS = 500;
const DESIRED: readonly string[] = ['running', 'stopped', 'terminated'];

const changeInstanceState: Action = async (a) => {
  const raw = a.inputs['InstanceIds'];
  const ids = Array.isArray(raw) ? raw.map(String) : typeof raw === 'string' ? [raw] : [];
  if (ids.length === 0) throw new StepFailure('aws:changeInstanceState needs InstanceIds.');
  const desired = a.inputs['DesiredState'];
  if (typeof desired !== 'string' || !DESIRED.includes(desired)) throw new StepFailure(`DesiredState must be running, stopped or terminated (got ${String(desired)}).`);
  const checkOnly = a.inputs['CheckStateOnly'] === true || a.inputs['CheckStateOnly'] === 'true';
  try {
    if (!checkOnly) for (const id of ids) requestState(a.model, a.clock, id, desired as DesiredState);
    while (!ids.every((id) => currentState(a.model, id) === desired)) await a.clock.sleep(POLL_MS, a.signal);
  } catch (err) {
    if (err instanceof InstanceStateError) throw new StepFailure(`An error occurred (${err.code}) when calling the ${desired === 'running' ? 'StartInstances' : 'StopInstances'} operation: ${err.message}`, 'Invocation');
    throw err;
  }
  return {};
};

export const resourceActions: Readonly<Record<string, Action>> = {
  'aws:changeInstanceState': changeInstanceState,
};
