// Every Systems Manager resource beyond the core views, one entry each: its headless command (`fleetdeck <name> <verb>`)
// and the services its dashboard views call. Entries are light (the modules load only when used), because the CLI
// reads this table to parse flags before anything else starts.
import type {AwsClients} from '../aws/clients.js';
import type {ContextSet} from '../aws/contexts/context-set.js';
import type {Services} from '../views/view.js';
import type {HeadlessPlace, PlacedContext} from './contexts-headless.js';
import {parametersCli} from './parameters/entry.js';
import {documentsCli} from './documents/entry.js';
import {associationsCli} from './associations/entry.js';
import {automationCli} from './automation/entry.js';
import {windowsCli} from './windows/entry.js';
import {baselinesCli} from './baselines/entry.js';
import {patchCli} from './patch/entry.js';
import {activationsCli} from './activations/entry.js';
import {sessionsCli} from './sessions/entry.js';
import {opsItemsCli} from './opsitems/entry.js';
import {packagesCli} from './packages/entry.js';
import {orgNodesCli} from './org-nodes/entry.js';

export interface FlagSpec {
  type: 'string' | 'boolean';
  isMultiple?: boolean;
}

export interface ResourceCommandContext {
  verb: string;
  /** Positional arguments after the verb. */
  args: readonly string[];
  /** The parsed flags (camelCase names), the global ones and this resource's own. */
  flags: Readonly<Record<string, unknown>>;
  output: 'table' | 'json';
  /** Connects (the local fleet, an endpoint or AWS); call it after the arguments are checked. The CLI closes it. */
  connect: () => Promise<AwsClients>;
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Set when the verb runs in one of several contexts: its output is merged with the others' (failures are thrown). */
  place?: HeadlessPlace;
  /** Several contexts, for a verb in `spansContexts` that places its own work (a Run Command's targets). */
  contexts?: HeadlessContexts;
}

/** The contexts a command spans, and whether the user allowed a change in every one (--all-contexts). */
export interface HeadlessContexts {
  set: ContextSet;
  list: readonly PlacedContext[];
  allContexts: boolean;
}

export interface ResourceCommand {
  /** `fleetdeck <name> <verb> …` */
  name: string;
  /** What it does, in the usage's command list after `$ fleetdeck <name> VERB [options]` (about 45 characters). */
  summary: string;
  /** The usage section: a heading indented by two spaces (as the others), then verbs, flags and exit codes by four. */
  usage: string;
  /** The resource's own flags (camelCase; the CLI accepts them only with this command). */
  flags?: Readonly<Record<string, FlagSpec>>;
  /** Each verb, with read-only mode's refusal for those that change something (undefined: it only reads). */
  verbs: Readonly<Record<string, string | undefined>>;
  /** Verbs that run once over several contexts and place their own work (default: each verb runs in every context). */
  spansContexts?: readonly string[];
  /** Runs the verb: resolves with the exit code; throws UsageError for bad arguments (exit 2). */
  load: () => Promise<{run: (ctx: ResourceCommandContext) => Promise<number>}>;
}

export interface Resource {
  id: string;
  cli?: ResourceCommand;
  /** The services this resource's views call, built from the clients when the dashboard starts. */
  services?: () => Promise<(aws: AwsClients) => Partial<Services>>;
}

export const RESOURCES: readonly Resource[] = [
  {id: 'parameters', cli: parametersCli, services: async () => {
    const m = await import('../aws/parameters/parameter-api.js');
    return (aws) => ({parameters: m.parameterApi(aws)});
  }},
  {id: 'documents', cli: documentsCli, services: async () => {
    const m = await import('../aws/documents/document-api.js');
    return (aws) => ({documents: m.documentsApi(aws)});
  }},
  {id: 'associations', cli: associationsCli, services: async () => {
    const m = await import('../aws/associations/association-api.js');
    return (aws) => ({associations: m.associationsApi(aws)});
  }},
  {id: 'automation', cli: automationCli, services: async () => {
    const m = await import('../aws/automation/automation-api.js');
    return (aws) => ({automation: m.automationApi(aws)});
  }},
  {id: 'windows', cli: windowsCli, services: async () => {
    const m = await import('../aws/windows/window-api.js');
    return (aws) => ({windows: m.windowsApi(aws)});
  }},
  {id: 'baselines', cli: baselinesCli, services: async () => {
    const m = await import('../aws/baselines/baselines-api.js');
    return (aws) => ({baselines: m.baselinesApi(aws)});
  }},
  {id: 'patch', cli: patchCli},
  {id: 'activations', cli: activationsCli, services: async () => {
    const m = await import('../aws/activations/activations-api.js');
    return (aws) => ({activations: m.activationsApi(aws), activationsRegion: aws.target.region});
  }},
  {id: 'sessions', cli: sessionsCli, services: async () => {
    const m = await import('../aws/session-history/sessions-api.js');
    return (aws) => ({sessions: m.sessionsApi(aws)});
  }},
  {id: 'opsitems', cli: opsItemsCli, services: async () => {
    const m = await import('../aws/opsitems/opsitems-api.js');
    return (aws) => ({opsItems: m.opsItemsApi(aws)});
  }},
  {id: 'packages', cli: packagesCli, services: async () => {
    const m = await import('../aws/distributor/distributor-api.js');
    return (aws) => ({distributor: m.distributorApi(aws)});
  }},
  {id: 'org-nodes', cli: orgNodesCli, services: async () => {
    const m = await import('../aws/org-nodes/org-nodes-api.js');
    return (aws) => ({orgNodes: m.orgNodesApi(aws)});
  }},
];

export function findResourceCommand(name: string | undefined): ResourceCommand | undefined {
  return RESOURCES.find((r) => r.cli?.name === name)?.cli;
}

/** Every resource flag (the CLI parses them all, then accepts each only with its own command). */
export function resourceFlags(): Record<string, FlagSpec> {
  return Object.assign({}, ...RESOURCES.map((r) => r.cli?.flags ?? {})) as Record<string, FlagSpec>;
}

/** The services of every resource for these clients (the dashboard merges them into its own). */
export async function resourceServices(aws: AwsClients): Promise<Partial<Services>> {
  const factories = await Promise.all(RESOURCES.flatMap((r) => (r.services ? [r.services()] : [])));
  return Object.assign({}, ...factories.map((f) => f(aws))) as Partial<Services>;
}
