// What some documents do to a local node beyond running their script, and what a failure sets off. The store runs
// every command the same way and asks here: Distributor's AWS-ConfigureAWSPackage computes its step before the process
// starts and changes the node's inventory only once it succeeded; AWS-RunPatchBaseline scans or installs the node's
// generated patches against its baseline once its script ended; a failed invocation opens an OpsItem, as an
// EventBridge rule on Run Command failures would.
import type {FleetModel, FleetNode} from '../../model/fleet-model.js';
import {CONFIGURE_PACKAGE_DOCUMENT} from '../../../fleet/distributor/package.js';
import {configurePackageStep, type BuiltinStep} from '../distributor/configure.js';
import {runPatchBaselineCommand} from '../baselines/index.js';
import {recordFailedInvocation} from '../opsitems/run-failures.js';
import type {ScriptResult} from './executor.js';

type Parameters = Readonly<Record<string, readonly string[]>>;

export interface DocumentEffect {
  /** Before the process starts: the script and environment to run instead, and what to apply once it succeeded. */
  prepare?: (model: FleetModel, node: FleetNode, parameters: Parameters, now: () => number) => BuiltinStep;
  /** Once the process ended: the result the invocation reports (the document's own outcome). */
  settle?: (model: FleetModel, instanceId: string, parameters: Parameters, result: ScriptResult, now: number) => ScriptResult;
}

const EFFECTS: Readonly<Record<string, DocumentEffect>> = {
  [CONFIGURE_PACKAGE_DOCUMENT]: {prepare: configurePackageStep},
  'AWS-RunPatchBaseline': {settle: runPatchBaselineCommand},
};

export function documentEffect(documentName: string): DocumentEffect | undefined {
  return Object.hasOwn(EFFECTS, documentName) ? EFFECTS[documentName] : undefined;
}

export {recordFailedInvocation};
