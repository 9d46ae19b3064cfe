// FleetdeckLocal.* — the local fleet's own control target, for other processes (e2e tests, benchmarks)
// that reach the endpoint over the wire. Same AWS JSON 1.1 protocol and SigV4 check (signing name ssm).
//   FleetdeckLocal.InjectFault         body: Fault            → {}
//   FleetdeckLocal.ClearFaults                                → {}
//   FleetdeckLocal.GetRequestCounts                           → {"RequestCounts": {"ssm:DescribeInstanceInformation": 3, …}}
//   FleetdeckLocal.ResetRequestCounts                         → {}
//   FleetdeckLocal.DropDataChannels   body: {SessionId?}     → {"Dropped": n}  (sockets cut as a network failure
//                                                               would; the sessions stay and can be resumed)
//   FleetdeckLocal.RegisterManagedInstance  body: {ActivationId, ActivationCode, Region, Hostname?,
//                                     PlatformType?, IPAddress?} → {"InstanceId": "mi-…"}  (what the agent's
//                                     `-register` does; refused with InvalidActivation as SSM refuses it)
//   FleetdeckLocal.AdvanceClock      body: {Milliseconds}     → {"Now": epoch ms}  (moves the fleet's clock forward:
//                                                               associations fire what became due, commands expire,
//                                                               sessions reach their idle timeout or maximum duration,
//                                                               runbook sleeps, step timeouts and EC2 state changes pass)
//   FleetdeckLocal.CreateCaller      body: {UserName}         → {"AccessKeyId", "SecretAccessKey", "SessionToken",
//                                                               "Arn"}  (credentials of another IAM user of the
//                                                               fleet's account: another operator)
//   FleetdeckLocal.Shutdown                                   → {}  (answers, then closes the fleet: what
//                                                               `fleetdeck local-fleet --stop` calls)

import {IAM_USER_NAME, type CallerIdentities} from './callers.js';
import {parseFault, type FaultInjector} from './faults.js';
import type {JsonOperation} from './protocol/operation-context.js';
import {sessionServiceFor} from './ssm/sessions/session-service.js';
import {registerManagedInstance} from './ssm/activations/registration.js';
import {associationStore} from './ssm/associations/association-store.js';
import {optInteger, optString, Violations} from './protocol/validation.js';

export const CONTROL_TARGET_PREFIX = 'FleetdeckLocal';
export const CONTROL_SIGNING_NAME = 'ssm';

export interface ControlState {
  faults: FaultInjector;
  counts: Map<string, number>;
  callers: CallerIdentities;
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
      const store = associationStore(ctx.model);
      store.advanceClock(ms ?? 0);
      sessionServiceFor(ctx.model).advanceClock(ms ?? 0);
      return {Now: store.now()};
    },
    CreateCaller: (input) => {
      const userName = optString(input, 'UserName');
      const v = new Violations();
      if (v.required('userName', userName) && !IAM_USER_NAME.test(userName ?? '')) {
        v.add('userName', userName, `Member must satisfy regular expression pattern: ${IAM_USER_NAME.source}`);
      }
      v.throwIfAny();
      const c = state.callers.create(userName ?? '');
      return {AccessKeyId: c.accessKeyId, SecretAccessKey: c.secretAccessKey, SessionToken: c.sessionToken, Arn: state.callers.caller(c.accessKeyId)?.arn};
    },
    Shutdown: () => {
      state.shutdown();
      return {};
    },
  };
}
