// Run Command's wire shapes: Command and CommandInvocation objects as the SSM API returns them.
import {isTerminal, type InvocationStatusDetails} from '../../../fleet/run-command/command-status.js';
import {type DispatchSnapshot} from '../../../fleet/run-command/run-plan.js';
import {epochSeconds} from '../../protocol/wire-json.js';
import {type JsonObject} from '../../protocol/validation.js';

import {type Command, type Invocation, ERROR_SEPARATOR, PLUGIN_OUTPUT_LIMIT, OUTPUT_TRUNCATED_MARKER} from './store.js';

// ---- wire shapes ----

export function isoDate(ms: number | undefined): string {
  return ms === undefined ? '' : new Date(ms).toISOString();
}

export function elapsed(inv: Invocation): string {
  if (inv.startedAt === undefined || inv.endedAt === undefined) return '';
  return `PT${Math.max(0, inv.endedAt - inv.startedAt) / 1000}S`;
}

export function commandShape(cmd: Command, snap: DispatchSnapshot): JsonObject {
  return {
    CommandId: cmd.id,
    DocumentName: cmd.doc.name,
    DocumentVersion: cmd.documentVersion,
    Comment: cmd.comment,
    ExpiresAfter: epochSeconds(cmd.expiresAt),
    Parameters: cmd.parameters,
    InstanceIds: cmd.instanceIds,
    Targets: cmd.targets,
    RequestedDateTime: epochSeconds(cmd.requestedAt),
    Status: snap.Status,
    StatusDetails: snap.StatusDetails,
    OutputS3Region: '',
    OutputS3BucketName: cmd.outputS3BucketName,
    OutputS3KeyPrefix: cmd.outputS3KeyPrefix,
    MaxConcurrency: cmd.maxConcurrency,
    MaxErrors: cmd.maxErrors,
    TargetCount: snap.TargetCount,
    CompletedCount: snap.CompletedCount,
    ErrorCount: snap.ErrorCount,
    DeliveryTimedOutCount: snap.DeliveryTimedOutCount,
    ServiceRole: '',
    NotificationConfig: {NotificationArn: '', NotificationEvents: [], NotificationType: ''},
    CloudWatchOutputConfig: cmd.cloudWatch,
    TimeoutSeconds: cmd.timeoutSeconds,
  };
}

/**
 * The plugin Output of ListCommandInvocations: stdout, then stderr after the agent's separator, ≤ 2,500 chars
 * (the limit is BC's). The separator and the truncation marker follow the agent's output as remembered: UNVERIFIED.
 */
export function pluginOutput(stdout: string, stderr: string): string {
  const full = stderr === '' ? stdout : `${stdout}${ERROR_SEPARATOR}${stderr}`;
  if (full.length <= PLUGIN_OUTPUT_LIMIT) return full;
  return full.slice(0, PLUGIN_OUTPUT_LIMIT - OUTPUT_TRUNCATED_MARKER.length) + OUTPUT_TRUNCATED_MARKER;
}

export function statusOf(cmd: Command, snap: DispatchSnapshot, instanceId: string): {sd: InvocationStatusDetails; status: string} {
  const i = cmd.order.indexOf(instanceId);
  const state = snap.invocations[i];
  return state === undefined ? {sd: 'Pending', status: 'Pending'} : {sd: state.statusDetails, status: state.status};
}

export function invocationShape(cmd: Command, snap: DispatchSnapshot, inv: Invocation, details: boolean): JsonObject {
  const {sd, status} = statusOf(cmd, snap, inv.instanceId);
  const out: JsonObject = {
    CommandId: cmd.id,
    InstanceId: inv.instanceId,
    InstanceName: inv.instanceName,
    Comment: cmd.comment,
    DocumentName: cmd.doc.name,
    DocumentVersion: cmd.documentVersion,
    RequestedDateTime: epochSeconds(cmd.requestedAt),
    Status: status,
    StatusDetails: sd,
    TraceOutput: '',
    StandardOutputUrl: '',
    StandardErrorUrl: '',
    CommandPlugins: [],
    ServiceRole: '',
    NotificationConfig: {NotificationArn: '', NotificationEvents: [], NotificationType: ''},
    CloudWatchOutputConfig: cmd.cloudWatch,
  };
  if (details && inv.plugin !== undefined) {
    const finished = isTerminal(sd);
    const plugin: JsonObject = {
      Name: inv.plugin.name,
      Status: status === 'Delayed' || status === 'Cancelling' ? 'InProgress' : status,
      StatusDetails: sd,
      ResponseCode: inv.responseCode,
      Output: finished ? pluginOutput(inv.stdout, inv.stderr) : '',
      StandardOutputUrl: '',
      StandardErrorUrl: '',
      OutputS3Region: '',
      OutputS3BucketName: cmd.outputS3BucketName,
      OutputS3KeyPrefix: cmd.outputS3KeyPrefix,
    };
    if (inv.startedAt !== undefined) plugin['ResponseStartDateTime'] = epochSeconds(inv.startedAt);
    if (inv.endedAt !== undefined) plugin['ResponseFinishDateTime'] = epochSeconds(inv.endedAt);
    out['CommandPlugins'] = [plugin];
  }
  return out;
}

