// The column picker overlay: one line per column of the view, shown or hidden, in table order, with its width cap.
import React from 'react';
import {Box, Text} from 'ink';
import type {ColumnPicker} from '../fleet/column-layout.js';
import {padCell} from '../fleet/format.js';
import {sanitizeText} from '../fleet/sanitize.js';
import {bold, inverse, tone} from './style.js';

export function pickerLines(p: ColumnPicker): string[] {
  return p.items.map((it, i) => {
    const line = `${it.shown ? '[x]' : '[ ]'} ${padCell(sanitizeText(it.title), 24)} ${it.width === undefined ? 'auto' : `max ${it.width}`}`;
    return i === p.cursor ? inverse(line) : it.shown ? line : tone(line, 'muted');
  });
}

export function ColumnPickerOverlay({picker, height}: {picker: ColumnPicker; height: number}) {
  const lines = pickerLines(picker);
  const top = Math.max(0, Math.min(picker.cursor - (height - 3), lines.length - (height - 2)));
  return (
    <Box flexDirection="column" height={height}>
      <Text wrap="truncate-end">{bold('Columns')} {tone('— shown first, in table order; the table changes on enter', 'muted')}</Text>
      {lines.slice(top, top + height - 1).map((l, i) => (
        <Text key={i} wrap="truncate-end">{l}</Text>
      ))}
    </Box>
  );
}
