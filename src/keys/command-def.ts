// The shape of a user command as data. Core commands (tables, panes, forms) are listed in keys/; each resource view
// lists its own in its folder's commands.ts, with the titles of its scopes, and views/resource-commands.ts joins them.

export interface CommandDef<S extends string = string> {
  id: string;
  description: string;
  /** Short label for the footer; commands without one appear only in help. */
  hint?: string;
  scope: S;
  keys: readonly string[];
  /** Mutating or disruptive: shown as such in help, refused in read-only mode where it changes something. */
  dangerous?: boolean;
}

/** A view folder's commands: the titles of the scopes it owns (help's headings), and the commands in them. */
export interface ResourceCommands {
  scopes: Readonly<Record<string, string>>;
  commands: readonly CommandDef[];
}
