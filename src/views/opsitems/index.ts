// Every OpsCenter view, for the registry's one line.
import {eraseRowType, type AnyView} from '../view.js';
import {opsItemsView} from './opsitems-view.js';
import {opsItemDetailView} from './detail.js';

export const opsItemViews: readonly AnyView[] = [eraseRowType(opsItemsView), opsItemDetailView];
