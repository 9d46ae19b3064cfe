// Runs started from this dashboard. A run over more than 50 ids is several SendCommands, so its results view, cancel
// and re-run need all of them; and the orchestrator already polls them, so the results view shows its updates
// instead of polling SSM a second time. Runs from the history (:commands) are not here and are polled as usual.
import type {Invocation} from './port.js';

export interface LocalRun {
  /** The first SendCommand's id: what the results view is opened with. */
  readonly firstCommandId: string;
  readonly commandIds: string[];
  invocations: readonly Invocation[];
  done: boolean;
  /** The orchestrator stopped following it (RunState.unfollowed): the results view polls SSM itself again. */
  unfollowed?: string;
  /** Aborting it cancels the whole run (see RunOptions.cancel). */
  readonly cancel: AbortController;
  /**
   * A run over several contexts: the context of each of its nodes and commands (each context's results load from its
   * own share, and its commands are cancelled and audited there).
   */
  readonly placed?: RunPlaces;
}

export interface RunPlaces {
  instances: ReadonlyMap<string, string>;
  commands: ReadonlyMap<string, string>;
}

export class RunRegistry {
  private readonly byCommand = new Map<string, LocalRun>();
  private readonly listeners = new Map<LocalRun, Set<() => void>>();

  begin(firstCommandId: string, cancel: AbortController, placed?: RunPlaces): LocalRun {
    const run: LocalRun = {firstCommandId, commandIds: [firstCommandId], invocations: [], done: false, cancel,
      ...(placed ? {placed} : {})};
    this.byCommand.set(firstCommandId, run);
    return run;
  }

  addCommand(run: LocalRun, commandId: string): void {
    if (!run.commandIds.includes(commandId)) run.commandIds.push(commandId);
    this.byCommand.set(commandId, run);
  }

  update(run: LocalRun, invocations: readonly Invocation[], done: boolean, unfollowed?: string): void {
    run.invocations = invocations;
    run.done = done;
    if (unfollowed !== undefined) run.unfollowed = unfollowed;
    for (const fn of this.listeners.get(run) ?? []) fn();
  }

  /** The run that sent this command, if it was started here. */
  find(commandId: string | undefined): LocalRun | undefined {
    return commandId === undefined ? undefined : this.byCommand.get(commandId);
  }

  /** Called after each update of the run that sent `commandId`; returns the unsubscribe function. */
  subscribe(commandId: string | undefined, fn: () => void): () => void {
    const run = this.find(commandId);
    if (!run) return () => {};
    const set = this.listeners.get(run) ?? new Set();
    this.listeners.set(run, set.add(fn));
    return () => set.delete(fn);
  }
}
