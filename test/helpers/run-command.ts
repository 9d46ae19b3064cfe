// Helpers for the Run Command tests: node picking and condition polling (never fixed sleeps).

import {
  GetCommandInvocationCommand,
  ListCommandInvocationsCommand,
  ListCommandsCommand,
  type Command,
  type CommandInvocation,
  type GetCommandInvocationCommandOutput,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import type {FleetNode, LocalFleet} from '../../src/local/index.js';

/** Polls `probe` until `done` holds for its value (every 20 ms, up to `timeoutMs`). */
export async function waitFor<T>(probe: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`condition not reached within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Online, runnable Linux nodes (EC2 running or hybrid), in id order. */
export function linuxNodes(fleet: LocalFleet): FleetNode[] {
  return fleet.model
    .managed()
    .filter((n) => n.platformType === 'Linux' && n.pingStatus === 'Online' && (n.ec2 === undefined || n.ec2.state === 'running'));
}

export async function getCommand(ssm: SSMClient, commandId: string): Promise<Command> {
  const out = await ssm.send(new ListCommandsCommand({CommandId: commandId}));
  const cmd = out.Commands?.[0];
  if (cmd === undefined) throw new Error(`no command ${commandId}`);
  return cmd;
}

export async function invocations(ssm: SSMClient, commandId: string, details = false): Promise<CommandInvocation[]> {
  const out = await ssm.send(new ListCommandInvocationsCommand({CommandId: commandId, Details: details}));
  return out.CommandInvocations ?? [];
}

const TERMINAL = new Set(['Success', 'Failed', 'ExecutionTimedOut', 'DeliveryTimedOut', 'Cancelled', 'Undeliverable', 'InvalidPlatform', 'AccessDenied', 'Terminated']);

/** Waits until the command is complete (every invocation terminal). */
export function waitForCommand(ssm: SSMClient, commandId: string, timeoutMs = 10_000): Promise<Command> {
  return waitFor(() => getCommand(ssm, commandId), (c) => c.CompletedCount === c.TargetCount && !['Pending', 'InProgress', 'Cancelling'].includes(c.Status ?? ''), timeoutMs);
}

export function waitForInvocation(ssm: SSMClient, commandId: string, instanceId: string, until: (o: GetCommandInvocationCommandOutput) => boolean = (o) => TERMINAL.has(o.StatusDetails ?? '')): Promise<GetCommandInvocationCommandOutput> {
  return waitFor(() => ssm.send(new GetCommandInvocationCommand({CommandId: commandId, InstanceId: instanceId})), until);
}
