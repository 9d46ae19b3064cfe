// SSM documents: the list, one document's detail and its versions. Its commands as data (the keymap, help and README
// table read them); the handlers are the views' actions.
import type {ResourceCommands} from '../../keys/command-def.js';

export const documentCommands = {
  scopes: {
    documents: 'Documents',
    document: 'Document detail',
    documentVersions: 'Document versions',
    documentDraft: 'Document draft (written in $EDITOR)',
  },
  commands: [
    {id: 'documents.detail', description: 'Detail of the document under the cursor: fields, parameters, versions, sharing, content', hint: 'detail', scope: 'documents', keys: ['enter']},
    {id: 'documents.run', description: 'Run Command with the Command document under the cursor (on the marked instances)', hint: 'run', scope: 'documents', keys: ['r'], dangerous: true},
    {id: 'documents.versions', description: 'Versions of the document under the cursor (mark two and d to diff them)', hint: 'versions', scope: 'documents', keys: ['V']},
    {id: 'documents.associate', description: 'Create a State Manager association with the Command document under the cursor', hint: 'associate', scope: 'documents', keys: ['a'], dangerous: true},
    {id: 'documents.create', description: 'New Command document, written in $EDITOR from a template and checked before it is sent', hint: 'new', scope: 'documents', keys: ['c'], dangerous: true},
    {id: 'documents.edit', description: 'New version of the document under the cursor, written in $EDITOR', hint: 'edit', scope: 'documents', keys: ['e'], dangerous: true},
    {id: 'documents.share', description: 'Share the document under the cursor with accounts, or stop (+ACCOUNT -ACCOUNT, all = public)', scope: 'documents', keys: ['S'], dangerous: true},
    {id: 'documents.delete', description: 'Delete the document under the cursor and its versions (type its name to confirm)', scope: 'documents', keys: ['D'], dangerous: true},
    {id: 'document.run', description: 'Run Command with this document (this version)', hint: 'run', scope: 'document', keys: ['r'], dangerous: true},
    {id: 'document.versions', description: 'Versions of this document', hint: 'versions', scope: 'document', keys: ['V']},
    {id: 'document.associate', description: 'Create a State Manager association with this document', hint: 'associate', scope: 'document', keys: ['a'], dangerous: true},
    {id: 'document.edit', description: 'New version of this document, written in $EDITOR', hint: 'edit', scope: 'document', keys: ['e'], dangerous: true},
    {id: 'document.share', description: 'Share this document with accounts, or stop', scope: 'document', keys: ['S'], dangerous: true},
    {id: 'document.delete', description: 'Delete this document (type its name to confirm)', scope: 'document', keys: ['D'], dangerous: true},
    {id: 'documentVersions.open', description: 'Detail and content of the version under the cursor', hint: 'open', scope: 'documentVersions', keys: ['enter']},
    {id: 'documentVersions.run', description: 'Run Command with the version under the cursor (on the marked instances)', hint: 'run', scope: 'documentVersions', keys: ['r'], dangerous: true},
    {id: 'documentVersions.diff', description: 'Diff two versions: the two marked, else the one under the cursor against the default', hint: 'diff', scope: 'documentVersions', keys: ['d']},
    {id: 'documentVersions.setDefault', description: 'Make the version under the cursor the default (asks first)', hint: 'set default', scope: 'documentVersions', keys: ['s'], dangerous: true},
    {id: 'documentDraft.edit', description: 'Edit the draft again in $EDITOR', hint: 'edit', scope: 'documentDraft', keys: ['e']},
    {id: 'documentDraft.send', description: 'Send the draft (CreateDocument or UpdateDocument; asks first)', hint: 'send', scope: 'documentDraft', keys: ['enter'], dangerous: true},
  ],
} as const satisfies ResourceCommands;
