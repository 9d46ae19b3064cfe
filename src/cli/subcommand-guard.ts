// The read-only guard for headless subcommands, checked once where the CLI dispatches them, before anything
// connects. Each subcommand must say here what it changes, so a new one cannot skip the check by accident.
import {readOnlyRefusal, type MutatingAction, type ReadOnlyPolicy} from '../fleet/read-only.js';
import type {Subcommand} from './flags.js';
import {findResourceCommand} from './resources.js';

/** What each subcommand changes; undefined = it only reads (the dashboard checks each action itself). */
export const SUBCOMMAND_MUTATES: Readonly<Record<Subcommand, MutatingAction | undefined>> = {
  dashboard: undefined,
  instances: undefined,
  compliance: undefined,
  inventory: undefined,
  'local-fleet': undefined, // serves a local endpoint; changes nothing in AWS
  run: 'run',
  forward: 'forward',
  resource: undefined, // each resource's verbs say what they change (cli/resources.ts)
};

/** The refusal for `command` under `policy` (the dashboard's words), or undefined when it may run. */
export function subcommandRefusal(command: Subcommand, policy: ReadOnlyPolicy, resource?: {name: string; verb: string}):
  string | undefined {
  if (command === 'resource' && resource !== undefined) {
    return policy.readOnly ? findResourceCommand(resource.name)?.verbs[resource.verb] : undefined;
  }
  const action = SUBCOMMAND_MUTATES[command];
  return action === undefined ? undefined : readOnlyRefusal(action, policy);
}
