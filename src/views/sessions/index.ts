// Every Session Manager history and preferences view, for the registry's one line.
import {eraseRowType, type AnyView} from '../view.js';
import {sessionsView} from './sessions-view.js';
import {sessionPrefsView} from './prefs.js';

export const sessionViews: readonly AnyView[] = [eraseRowType(sessionsView), eraseRowType(sessionPrefsView)];
