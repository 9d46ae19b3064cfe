// What the documents views call on the outside world, added to the dashboard's services from this folder
// (cli/resources.ts builds the port).
import type {DocumentsApi} from '../../fleet/documents/port.js';

declare module '../view.js' {
  interface Services {
    /** SSM documents (fleet/documents/port.ts). */
    documents?: DocumentsApi;
  }
}

export const RESOURCE_ID = 'documents';
