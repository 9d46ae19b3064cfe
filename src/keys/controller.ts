// A controller binds the commands of one scope (declared as data in commands.ts or mode-commands.ts) to what they
// do: typed by the scope's command ids, so a command without a handler, or a handler without a command, does not
// compile.
import type {Scope, ScopeCommandId} from './commands.js';

export interface Binding<C> {
  run: (c: C) => void;
  /** Why the command does nothing right now (the footer shows it instead of the key); undefined when it applies. */
  disabled?: (c: C) => string | undefined;
}

export type Controller<S extends Scope, C> = Record<ScopeCommandId<S>, Binding<C>>;

/** Look a command up in a set of controllers (a merged record keyed by command id). */
export function bindingFor<C>(controllers: Readonly<Record<string, Binding<C>>>, id: string): Binding<C> | undefined {
  return Object.hasOwn(controllers, id) ? controllers[id] : undefined;
}
