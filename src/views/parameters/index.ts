// Every Parameter Store view, for the registry's one line.
import {eraseRowType, type AnyView} from '../view.js';
import {parametersView} from './parameters-view.js';
import {parameterDetailView} from './detail.js';
import {historyView} from './history.js';
import {compareView} from './compare.js';
import {diffView} from './diff.js';
import {stagedView} from './staged.js';

export const parameterViews: readonly AnyView[] = [
  eraseRowType(parametersView), parameterDetailView, eraseRowType(historyView), eraseRowType(compareView), diffView, stagedView,
];
