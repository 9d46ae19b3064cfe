// Managed nodes across accounts and regions: resource data syncs and the ListNodes operations that read them.
import type {JsonOperation} from '../../protocol/operation-context.js';
import {dataSyncOperations} from './data-sync.js';
import {listNodesOperations} from './list-nodes.js';

export const nodeOperations: Readonly<Record<string, JsonOperation>> = {...dataSyncOperations, ...listNodesOperations};
