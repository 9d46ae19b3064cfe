// FleetdeckLocal.* — the local fleet's own control target, for other processes (e2e tests, benchmarks)
// that reach the endpoint over the wire. Same AWS JSON 1.1 protocol and SigV4 check (signing name ssm).
//   FleetdeckLocal.InjectFault         body: Fault            → {}  (accountId / region in the fault scope it to one
//                                                               account and/or region)
//   FleetdeckLocal.ClearFaults                                → {}
//   FleetdeckLocal.GetRequestCounts                           → {"RequestCounts": {"ssm:DescribeInstanceInformation": 3, …},
//                                                               "RequestCountsByPartition": {"<account>:<region>": {…}}}
//   FleetdeckLocal.ResetRequestCounts                         → {}
//   FleetdeckLocal.ExpireCredentials  body: {AccountId}      → {}  (every request signed by that account's keys answers
//                                                               ExpiredToken, STS too)
//   FleetdeckLocal.RestoreCredentials body: {AccountId}      → {}  (they work again, as after a new login)
//   FleetdeckLocal.DropDataChannels   body: {SessionId?}     → {"Dropped": n}  (sockets cut as a network failure
//                                                               would, in every partition; the sessions stay and can
//                                                               be resumed)
//   FleetdeckLocal.RegisterManagedInstance  body: {ActivationId, ActivationCode, Region, Hostname?,
//                                     PlatformType?, IPAddress?} → {"InstanceId": "mi-…"}  (what the agent's
//                                     `-register` does; refused with InvalidActivation as SSM refuses it)
//   FleetdeckLocal.AdvanceClock      body: {Milliseconds}     → {"Now": epoch ms}  (moves the fleet's clock forward:
//                                                               associations fire what became due, commands expire,
//                                                               sessions reach their idle timeout or maximum duration,
//                                                               runbook sleeps, step timeouts and EC2 state changes pass,
//                                                               in every partition)
//   FleetdeckLocal.CreateCaller      body: {UserName}         → {"AccessKeyId", "SecretAccessKey", "SessionToken",
//                                                               "Arn"}  (credentials of another IAM user of the
//                                                               calling account: another operator)
// The other calls act on the partition of the request (the signing account and the scope's region).
//   FleetdeckLocal.Shutdown                                   → {}  (answers, then closes the fleet: what
//                                                               `fleetdeck local-fleet --stop` calls)

import type {FleetAccounts} from './accounts.js';
import {IAM_USER_NAME} from './callers.js';
import {parseFault, type FaultInjector} from './faults.js';
import type {FleetModel} from './model/fleet-model.js';
import {ServiceError} from './protocol/service-error.js';
import type {JsonOperation} from './protocol/operation-context.js';
import {sessionServiceFor} from './ssm/sessions/session-service.js';
import {registerManagedInstance} from './ssm/activations/registration.js';
import {associationStore} from './ssm/associations/association-store.js';
import {optInteger, optString, Violations} from './protocol/validation.js';

export const CONTROL_TARGET_PREFIX = 'FleetdeckLocal';
export const CONTROL_SIGNING_NAME = 'ssm';

/** What the control target needs of a partition. */
export interface ServedPartition {
  readonly model: FleetModel;
}

export interface ControlState {
  faults: FaultInjector;
  accounts: FleetAccounts;
  partitions: readonly ServedPartition[];
  requestCounts: () => Record<string, number>;
  requestCountsBy: () => Record<string, Record<string, number>>;
  resetRequestCounts: () => void;
  /** Closes the fleet once the current answer has gone out. */
  shutdown: () => void;
}

/** The account named by AccountId, or a ValidationException. */
function accountArg(state: ControlState, input: Record<string, unknown>): string {
  const accountId = optString(input, 'AccountId');
  const v = new Violations();
  v.required('accountId', accountId);
  v.throwIfAny();
  if (state.accounts.byId(accountId ?? '') === undefined) {
    throw new ServiceError('ValidationException', `The local fleet has no account ${String(accountId)}.`);
  }
  return accountId ?? '';
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
    GetRequestCounts: () => ({RequestCounts: state.requestCounts(), RequestCountsByPartition: state.requestCountsBy()}),
    ResetRequestCounts: () => {
      state.resetRequestCounts();
      return {};
    },
    ExpireCredentials: (input) => {
      state.accounts.expire(accountArg(state, input));
      return {};
    },
    RestoreCredentials: (input) => {
      state.accounts.restore(accountArg(state, input));
      return {};
    },
    DropDataChannels: (input) => {
      const only = typeof input['SessionId'] === 'string' ? input['SessionId'] : undefined;
      const sessions = state.partitions.flatMap((p) => sessionServiceFor(p.model).all()).filter((s) => only === undefined || s.sessionId === only);
      return {Dropped: sessions.filter((s) => s.dropConnection()).length};
    },
    RegisterManagedInstance: (input, ctx) => {
      const activationId = optString(input, 'ActivationId');
      const activationCode = optString(input, 'ActivationCode');
      const region = optString(input, 'Region');
      const platformType = optString(input, 'PlatformType');
      const v = new Violations();
      v.required('activationId', activationId);
      v.required('activationCode', activationCode);
      v.required('region', region);
      v.oneOf('platformType', platformType, ['Linux', 'Windows']);
      v.throwIfAny();
      const hostname = optString(input, 'Hostname');
      const ipAddress = optString(input, 'IPAddress');
      const node = registerManagedInstance(ctx.model, {
        activationId: activationId ?? '', activationCode: activationCode ?? '', region: region ?? '',
        ...(hostname === undefined ? {} : {hostname}),
        ...(ipAddress === undefined ? {} : {ipAddress}),
        ...(platformType === 'Linux' || platformType === 'Windows' ? {platformType} : {}),
      }, ctx.now());
      return {InstanceId: node.instanceId};
    },
    AdvanceClock: (input, ctx) => {
      const ms = optInteger(input, 'Milliseconds');
      const v = new Violations();
      if (v.required('milliseconds', ms)) v.range('milliseconds', ms, 0, 366 * 86_400_000);
      v.throwIfAny();
      for (const p of state.partitions) {
        associationStore(p.model).advanceClock(ms ?? 0);
        sessionServiceFor(p.model).advanceClock(ms ?? 0);
      }
      return {Now: associationStore(ctx.model).now()};
    },
    CreateCaller: (input, ctx) => {
      const userName = optString(input, 'UserName');
      const v = new Violations();
      if (v.required('userName', userName) && !IAM_USER_NAME.test(userName ?? '')) {
        v.add('userName', userName, `Member must satisfy regular expression pattern: ${IAM_USER_NAME.source}`);
      }
      v.throwIfAny();
      const callers = state.accounts.byId(ctx.model.accountId)?.callers;
      if (callers === undefined) throw new ServiceError('ValidationException', 'The calling account is not one of the fleet.');
      const c = callers.create(userName ?? '');
      return {AccessKeyId: c.accessKeyId, SecretAccessKey: c.secretAccessKey, SessionToken: c.sessionToken, Arn: callers.caller(c.accessKeyId)?.arn};
    },
    Shutdown: () => {
      state.shutdown();
      return {};
    },
  };
}
