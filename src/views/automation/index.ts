// Every Automation view, for the registry's one line.
import {eraseRowType, type AnyView} from '../view.js';
import {automationChildrenView, automationsView} from './automation-view.js';
import {automationStepsView} from './steps.js';
import {automationExecutionView, automationStepView} from './panes.js';
import {automationFormView} from './form.js';

export const automationViews: readonly AnyView[] = [
  eraseRowType(automationsView), eraseRowType(automationChildrenView), eraseRowType(automationStepsView), automationExecutionView,
  automationStepView, automationFormView,
];
