// Every State Manager view, for the registry's one line.
import {eraseRowType, type AnyView} from '../view.js';
import {associationsView} from './associations-view.js';
import {associationDetailView} from './detail.js';
import {associationExecutionsView} from './executions.js';
import {executionTargetsView} from './execution-targets.js';
import {associationInstancesView} from './instances.js';
import {associationFormView} from './form.js';

export const associationViews: readonly AnyView[] = [
  eraseRowType(associationsView), associationDetailView, eraseRowType(associationExecutionsView), eraseRowType(executionTargetsView),
  eraseRowType(associationInstancesView), associationFormView,
];
