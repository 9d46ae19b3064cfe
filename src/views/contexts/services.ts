// What the views call to work over several contexts (accounts × regions): each context's own services, which are
// in view, and their health. The dashboard builds it from the connected contexts (cli/contexts-services.ts).
import type {ContextInfo} from '../../fleet/contexts/context.js';
import type {Services} from '../view.js';

export interface ContextRoutes {
  /** Every configured context, in the header's order. */
  all(): readonly ContextInfo[];
  /** The contexts whose rows the views show now. */
  inView(): readonly ContextInfo[];
  /** The services bound to one context's clients (its Run Command, Parameter Store…), undefined for an unknown name. */
  servicesFor(name: string): Services | undefined;
  /**
   * The context of a node in this account and region (the org view's rows): the connected one there, else one made
   * on demand with the config's org.roleName assumed in that account; servicesFor() knows the name it resolves with.
   * Rejects with a sentence to show (no role configured, the role refused).
   */
  assume?(accountId: string, region: string): Promise<string>;
  /** The contexts assume() has made so far (not configured: never in all(), never in view). */
  assumed?(): readonly ContextInfo[];
  /** Runs a view's poll as background work of that context's request budget (it slows down before the user's actions). */
  background<T>(name: string, fn: () => Promise<T>): Promise<T>;
  /** Show these contexts' rows (and only these). */
  setInView(names: readonly string[]): void;
  /** Called whenever a context's health or the set in view changes. */
  subscribe(listener: () => void): () => void;
  /** Check a failed context's credentials again now (after `aws sso login`). */
  recheck?(name: string): void;
  /** The config's groups that have a member here (`:ctx GROUP`). */
  groupNames?(): readonly string[];
  /** The contexts of a group here, undefined for a name that is not a group. */
  groupMembers?(name: string): readonly string[] | undefined;
}

/**
 * The routes that reach a named context: the several contexts', else the only one's (which also reaches the contexts
 * the organisation view assumed a role into). Undefined where the dashboard has no contexts (tests of one view).
 */
export function routesOf(services: Services): ContextRoutes | undefined {
  return services.contexts ?? services.soleContext;
}

/** A named context's services: the given ones for none, or for a name no route knows. */
export function servicesIn(services: Services, context: string | undefined): Services {
  return (context === undefined ? undefined : routesOf(services)?.servicesFor(context)) ?? services;
}

/** The configured contexts, then those made for the organisation's nodes (an assumed role in their account). */
export function knownContexts(routes: ContextRoutes): readonly ContextInfo[] {
  return [...routes.all(), ...(routes.assumed?.() ?? [])];
}

declare module '../view.js' {
  interface Services {
    /** Several contexts: absent when the dashboard talks to one account in one region. */
    contexts?: ContextRoutes;
    /** The one context of a run with a single context (what `:ctx` lists then); absent with several. */
    soleContext?: ContextRoutes;
  }
}
