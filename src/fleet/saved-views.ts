// Saved views: a table view with a filter (and sort) under a name the command bar opens (`:prod-web`). Pure: the
// config validates the shape here, the command bar checks names against the views and aliases it knows.

export interface SavedView {
  /** The table view it opens (a view id, e.g. "instances"). */
  view: string;
  /** The filter in force, as typed at `/`. */
  filter: string;
  /** Sort column and direction; the view's default when absent. */
  sort?: string;
  desc?: boolean;
}

export type SavedViews = Readonly<Record<string, SavedView>>;

const NAME = /^[a-z][a-z0-9_-]{0,39}$/;

/** What a command-bar name clashes with, so it cannot be a saved view's name. */
export interface TakenName {
  id: string;
  aliases: readonly string[];
}

/** Why `name` cannot name a saved view, or undefined when it can. */
export function savedViewNameError(name: string, taken: readonly TakenName[]): string | undefined {
  if (!NAME.test(name)) return `"${name}" is not a view name: lower-case letters, digits, - and _, starting with a letter (up to 40)`;
  const clash = taken.find((t) => t.id === name || t.aliases.includes(name));
  if (clash) return `"${name}" is taken by :${clash.id}; choose another name`;
  return undefined;
}

/** The `savedViews` setting: name → {view, filter, sort?, desc?}; errors name the entry and the field. */
export function parseSavedViews(raw: unknown): {views: Record<string, SavedView>; errors: string[]} {
  const views: Record<string, SavedView> = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {views, errors: ['savedViews must be an object of name → {"view": "instances", "filter": "tag:Env=prod"}']};
  }
  const errors: string[] = [];
  for (const [name, v] of Object.entries(raw as Record<string, unknown>)) {
    const nameError = savedViewNameError(name, []);
    if (nameError) {
      errors.push(`savedViews: ${nameError}`);
      continue;
    }
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      errors.push(`savedViews.${name} must be an object such as {"view": "instances", "filter": "tag:Env=prod"}`);
      continue;
    }
    const o = v as Record<string, unknown>;
    const unknown = Object.keys(o).filter((k) => !['view', 'filter', 'sort', 'desc'].includes(k));
    if (unknown.length) errors.push(`savedViews.${name}: unknown field "${unknown[0]}" (known: view, filter, sort, desc)`);
    else if (typeof o.view !== 'string' || !o.view) errors.push(`savedViews.${name}.view must be a view name, e.g. "instances"`);
    else if (o.filter !== undefined && typeof o.filter !== 'string') errors.push(`savedViews.${name}.filter must be text, e.g. "tag:Env=prod web"`);
    else if (o.sort !== undefined && typeof o.sort !== 'string') errors.push(`savedViews.${name}.sort must be a column name`);
    else if (o.desc !== undefined && typeof o.desc !== 'boolean') errors.push(`savedViews.${name}.desc must be true or false`);
    else {
      views[name] = {view: o.view, filter: typeof o.filter === 'string' ? o.filter : '',
        ...(typeof o.sort === 'string' ? {sort: o.sort} : {}), ...(typeof o.desc === 'boolean' ? {desc: o.desc} : {})};
    }
  }
  return {views, errors};
}
