// Every Distributor view, for the registry's one line.
import {eraseRowType, type AnyView} from '../view.js';
import {distributorView} from './distributor-view.js';
import {packageDetailView} from './detail.js';

export const distributorViews: readonly AnyView[] = [eraseRowType(distributorView), packageDetailView];
