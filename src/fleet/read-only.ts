// What read-only mode refuses, in one set of words for every entry point: the dashboard's disabled keys and the
// headless subcommands say the same thing.

export const READ_ONLY_REFUSALS = {
  run: 'read-only mode: Run Command is off',
  shell: 'read-only mode: shells are off',
  forward: 'read-only mode: forwards are off ("allowForwardsInReadOnly": true in the config allows them)',
  cancel: 'read-only mode: cancel is off',
  rerun: 'read-only mode: re-run is off',
  parameters: 'read-only mode: Parameter Store writes are off',
} as const;

/** An action that changes something (starts a command, opens a session): what read-only mode checks. */
export type MutatingAction = keyof typeof READ_ONLY_REFUSALS;

export interface ReadOnlyPolicy {
  readOnly: boolean;
  /** The allowForwardsInReadOnly setting: a port forward changes nothing on the instance. */
  allowForwards: boolean;
}

/** Why `action` is refused under `policy`, or undefined when it may go ahead. */
export function readOnlyRefusal(action: MutatingAction, policy: ReadOnlyPolicy): string | undefined {
  if (!policy.readOnly) return undefined;
  if (action === 'forward' && policy.allowForwards) return undefined;
  return READ_ONLY_REFUSALS[action];
}
