// The filter schema of the documents list (the :documents view and `fleetdeck documents ls --filter`). Syntax: see
// filter.ts. Keys: owner:mine|amazon|shared, type:command, format:json|yaml|text, platform:linux, name:AWS-Run*.
import {cachedHaystack, type FilterSchema} from '../filter.js';
import {OWNERSHIPS, type DocumentSummary} from './document.js';

export const documentFilterSchema: FilterSchema<DocumentSummary> = {
  keys: {
    owner: {describe: 'owner: mine, amazon, shared (with this account)', values: OWNERSHIPS, get: (d) => d.ownership},
    type: {describe: 'document type, e.g. type:command', get: (d) => d.documentType.toLowerCase()},
    format: {describe: 'format: json, yaml, text', values: ['json', 'yaml', 'text'], get: (d) => d.format.toLowerCase()},
    platform: {describe: 'platform: linux, windows, macos', get: (d) => d.platformTypes.map((p) => p.toLowerCase())},
    name: {describe: 'document name (glob)', example: 'name:AWS-Run*', get: (d) => d.name},
  },
  text: cachedHaystack((d: DocumentSummary) => [d.name, d.documentType, d.format, d.owner, d.platformTypes.join(' '), d.targetType ?? '']),
};
