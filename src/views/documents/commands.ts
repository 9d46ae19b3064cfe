// SSM documents: the list, one document's detail and its versions. Its commands as data (the keymap, help and README
// table read them); the handlers are the views' actions.
import type {ResourceCommands} from '../../keys/command-def.js';

export const documentCommands = {
  scopes: {
    documents: 'Documents',
    document: 'Document detail',
    documentVersions: 'Document versions',
  },
  commands: [
    {id: 'documents.detail', description: 'Detail of the document under the cursor: fields, parameters, versions, sharing, content', hint: 'detail', scope: 'documents', keys: ['enter']},
    {id: 'documents.run', description: 'Run Command with the Command document under the cursor (on the marked instances)', hint: 'run', scope: 'documents', keys: ['r'], dangerous: true},
    {id: 'documents.versions', description: 'Versions of the document under the cursor (mark two and d to diff them)', hint: 'versions', scope: 'documents', keys: ['V']},
    {id: 'documents.associate', description: 'Create a State Manager association with the Command document under the cursor', hint: 'associate', scope: 'documents', keys: ['a'], dangerous: true},
    {id: 'document.run', description: 'Run Command with this document (this version)', hint: 'run', scope: 'document', keys: ['r'], dangerous: true},
    {id: 'document.versions', description: 'Versions of this document', hint: 'versions', scope: 'document', keys: ['V']},
    {id: 'document.associate', description: 'Create a State Manager association with this document', hint: 'associate', scope: 'document', keys: ['a'], dangerous: true},
    {id: 'documentVersions.open', description: 'Detail and content of the version under the cursor', hint: 'open', scope: 'documentVersions', keys: ['enter']},
    {id: 'documentVersions.diff', description: 'Diff two versions: the two marked, else the one under the cursor against the default', hint: 'diff', scope: 'documentVersions', keys: ['d']},
  ],
} as const satisfies ResourceCommands;
