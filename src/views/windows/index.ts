// Every Maintenance Windows view, for the registry's one line.
import {eraseRowType, type AnyView} from '../view.js';
import {windowsView} from './windows-view.js';
import {windowDetailView} from './detail.js';
import {windowExecutionsView} from './executions.js';
import {windowTaskExecutionsView} from './task-executions.js';
import {windowInvocationsView} from './invocations.js';
import {windowFormView} from './form.js';

export const windowViews: readonly AnyView[] = [
  eraseRowType(windowsView), windowDetailView, eraseRowType(windowExecutionsView), eraseRowType(windowTaskExecutionsView),
  eraseRowType(windowInvocationsView), windowFormView,
];
