// The contexts views (`:ctx` and a context's detail), for the registry's one line.
import {eraseRowType, type AnyView} from '../view.js';
import {contextsView} from './contexts-view.js';
import {contextDetailView} from './context-detail.js';

export const contextViews: readonly AnyView[] = [eraseRowType(contextsView), contextDetailView];
