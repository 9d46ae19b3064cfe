// The ACCOUNT and REGION columns every table shows while several contexts are in view.
import {rowPlace} from '../../fleet/contexts/row-place.js';
import type {Column} from '../../components/columns.js';

export function placeColumns<T>(): Column<T>[] {
  return [
    {id: 'account', title: 'ACCOUNT', width: 12, minWidth: 8, priority: 2, text: (row) => rowPlace(row)?.account ?? ''},
    {id: 'region', title: 'REGION', width: 9, minWidth: 6, priority: 3, text: (row) => rowPlace(row)?.region ?? ''},
  ];
}
