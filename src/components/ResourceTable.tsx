// A virtualized table: only the rows that fit are rendered, each as one pre-styled line.
import React from 'react';
import {Box, Text} from 'ink';
import type {TableState} from '../fleet/table-model.js';
import {clampTop} from '../fleet/table-model.js';
import type {Column, ColumnContext} from './columns.js';
import {layoutColumns, longestValues, renderHeaderRow, renderRow, type WidthCache} from './table-render.js';

export interface ResourceTableProps<T> {
  columns: readonly Column<T>[];
  state: TableState<T>;
  rowId: (row: T) => string;
  ctx: ColumnContext;
  width: number;
  /** Lines available, including the header row. */
  height: number;
  empty: string;
}

export function ResourceTable<T>({columns, state, rowId, ctx, width, height, empty}: ResourceTableProps<T>) {
  // Measured when the rows change, not per frame (the clock in ctx moves every second; widths need not follow).
  const ctxRef = React.useRef(ctx);
  ctxRef.current = ctx;
  // Widths measured once per row, kept while the columns, the rows and what cells show beyond the clock stay.
  const cacheRef = React.useRef<{key: readonly unknown[]; widths: WidthCache<T>} | undefined>(undefined);
  const widthCache = (): WidthCache<T> => {
    const c = ctxRef.current;
    const key = [columns, state.sorted, c.newestAgent, c.insights, c.fleet];
    const held = cacheRef.current;
    if (held && held.key.every((k, i) => k === key[i])) return held.widths;
    cacheRef.current = {key, widths: new Map()};
    return cacheRef.current.widths;
  };
  const longest = React.useMemo(() => longestValues(columns, state.visible, ctxRef.current, widthCache()),
    [columns, state.visible]);
  const laid = React.useMemo(() => layoutColumns(columns, width, longest), [columns, width, longest]);
  const body = Math.max(1, height - 1);
  const top = clampTop(state.top, state.cursor, body, state.visible.length);
  const rows = state.visible.slice(top, top + body);
  return (
    <Box flexDirection="column" height={height} width={width}>
      <Text wrap="truncate-end">{renderHeaderRow(laid, state.sortKey, state.sortDesc)}</Text>
      {rows.length === 0 ? (
        <Text wrap="truncate-end">{`  ${empty}`}</Text>
      ) : (
        rows.map((row, n) => {
          const id = rowId(row);
          return (
            <Text key={n} wrap="truncate-end">
              {renderRow(laid, row, ctx, {cursor: top + n === state.cursor, marked: state.marks.has(id)})}
            </Text>
          );
        })
      )}
    </Box>
  );
}
