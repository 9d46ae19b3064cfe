// Every hybrid activations view, for the registry's one line.
import {eraseRowType, type AnyView} from '../view.js';
import {activationsView} from './activations-view.js';
import {activationFormView} from './form.js';
import {activationCreatedView} from './created.js';

export const activationViews: readonly AnyView[] = [eraseRowType(activationsView), activationFormView, activationCreatedView];
