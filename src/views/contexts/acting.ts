// Actions go where the row lives: a command on a screen of one context, or on a row a merged table placed, runs
// with that context's services (its clients, its account and region) and under its read-only setting.
import {rowPlace} from '../../fleet/contexts/row-place.js';
import {currentScreen, type AppStore} from '../../store/store.js';
import type {Services} from '../view.js';
import {knownContexts, routesOf, servicesIn} from './services.js';

export interface Acting {
  services: Services;
  readOnly: boolean;
  /** The context acted in: undefined for the only context's own rows, or on a screen that belongs to none. */
  context?: string;
  /** The context acted in is protected (its name): every change there needs the typed confirmation. */
  protectedContext?: string;
}

/** The context of the current screen, else of the row under the cursor of the table shown. */
export function actingContextName(store: AppStore): string | undefined {
  const s = store.getState();
  const screen = currentScreen(s);
  if (screen.context !== undefined) return screen.context;
  const st = s.tables[screen.view];
  return st ? rowPlace(st.visible[st.cursor])?.context : undefined;
}

export function acting(store: AppStore, services: Services, readOnly: boolean): Acting {
  const routes = routesOf(services);
  const context = routes === undefined ? undefined : actingContextName(store);
  const own = context === undefined ? undefined : routes?.servicesFor(context);
  // One context: its own rows act as it; a row of a context the organisation view assumed a role into acts there.
  if (services.contexts === undefined && (own === undefined || own === services)) return sole(services, readOnly);
  if (routes === undefined || context === undefined) return {services, readOnly};
  const spec = knownContexts(routes).find((c) => c.spec.name === context)?.spec;
  return {services: own ?? services, readOnly: readOnly || spec?.readOnly === true, context,
    ...(spec?.protected === true ? {protectedContext: context} : {})};
}

/** The only context of the run: its own guards apply to every command (the app's services are its). */
function sole(services: Services, readOnly: boolean): Acting {
  const spec = services.soleContext?.all()[0]?.spec;
  return {services, readOnly: readOnly || spec?.readOnly === true, ...(spec?.protected === true ? {protectedContext: spec.name} : {})};
}

/** The services of the context `row` lives in (the given ones when it was not placed or there is one context). */
export function servicesOfRow(services: Services, row: unknown): Services {
  return servicesIn(services, rowPlace(row)?.context);
}
