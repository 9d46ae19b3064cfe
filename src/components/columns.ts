// What a table column is: its width, importance and how it reads a row. Views declare them; the table renders them.
import type {ManagedInstance} from '../fleet/instances/instance.js';
import type {NewestAgentByPlatform, Tone as BaseTone} from '../fleet/format.js';
import type {NodeInsight} from '../fleet/compliance/compliance-insight.js';

export type Tone = BaseTone | 'accent';

export interface ColumnContext {
  now: number;
  /** Newest agent version seen per platform type: how outdated agents are spotted when SSM does not say. */
  newestAgent: NewestAgentByPlatform;
  /** Compliance and patch facts of the instances on screen (loaded lazily; absent until loaded). */
  insights?: Readonly<Record<string, NodeInsight>>;
  /** The managed fleet as last loaded (views of other resources look up an instance's name in it). */
  fleet?: readonly ManagedInstance[];
  /** The organisation's nodes as the `:org` view last loaded them: names of nodes in accounts not connected. */
  orgNodes?: readonly NamedNode[];
}

/** What a name is looked up by. */
export interface NamedNode {
  instanceId: string;
  name: string;
}

export interface Column<T> {
  id: string;
  title: string;
  width: number;
  /** Flexible columns share the width left over, never shrinking below `width`. */
  flex?: boolean;
  /** Cut with … down to this many cells before less important columns lose their room (default: never cut). */
  minWidth?: number;
  /** Keep the longest value whole: columns of lower importance are hidden first (the NAME column). */
  whole?: boolean;
  /** Lower is more important; the least important columns are hidden first on narrow terminals. */
  priority: number;
  align?: 'left' | 'right';
  text: (row: T, ctx: ColumnContext) => string;
  tone?: (row: T, ctx: ColumnContext) => Tone | undefined;
}
