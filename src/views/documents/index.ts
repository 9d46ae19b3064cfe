// Every documents view, for the registry's one line.
import {eraseRowType, type AnyView} from '../view.js';
import {documentsView} from './documents-view.js';
import {documentDetailView} from './detail.js';
import {documentVersionsView} from './versions.js';
import {documentDiffView} from './diff.js';
import {documentDraftView} from './draft.js';

export const documentViews: readonly AnyView[] = [eraseRowType(documentsView), documentDetailView, eraseRowType(documentVersionsView), documentDiffView,
  documentDraftView];
