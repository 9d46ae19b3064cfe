// Every Patch Manager baseline view, for the registry's one line.
import {eraseRowType, type AnyView} from '../view.js';
import {baselinesView} from './baselines-view.js';
import {baselineDetailView} from './detail.js';
import {baselineFormView} from './form.js';

export const baselineViews: readonly AnyView[] = [eraseRowType(baselinesView), baselineDetailView, baselineFormView];
