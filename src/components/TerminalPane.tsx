// One shell pane: a title row (instance, state, broadcast, bell) and the remote screen, one pre-styled <Text>
// per row as RemoteScreen renders it.
import React from 'react';
import {Box, Text} from 'ink';
import type {PaneFrame} from '../workspace/workspaces.js';
import {sanitizeText} from '../fleet/sanitize.js';
import {truncate} from '../fleet/format.js';
import {bold, inverse, tone} from './style.js';

export interface TerminalPaneProps {
  frame: PaneFrame;
  width: number;
  height: number;
  broadcast: boolean;
  /** Scroll mode status for the focused pane ('' when not scrolling). */
  scrollNote: string;
}

export function paneTitle(frame: PaneFrame, broadcast: boolean, scrollNote: string, width: number): string {
  const {pane, focused} = frame;
  const name = sanitizeText(pane.target.name);
  const who = name && name !== pane.target.instanceId ? `${name} ${pane.target.instanceId}` : pane.target.instanceId;
  const state = pane.state === 'open' ? '' : pane.state === 'ended' ? `ended: ${pane.endReason}` : `${pane.state}…`;
  const parts = [
    broadcast ? '◉ BROADCAST' : '',
    pane.bell ? '🔔 bell' : '',
    `${focused ? '▶' : ' '} ${who}`,
    state,
    sanitizeText(frame.note ?? ''),
    scrollNote,
  ].filter(Boolean);
  const text = truncate(parts.join(' · '), width).padEnd(width);
  // Loud: broadcast turns every title red; a bell on an unfocused pane turns it yellow.
  if (broadcast) return tone(inverse(bold(text)), 'bad');
  if (pane.bell) return tone(inverse(text), 'warn');
  if (pane.state === 'ended') return tone(inverse(text), 'muted');
  return focused ? tone(inverse(bold(text)), 'accent') : inverse(text);
}

export function TerminalPane({frame, width, height, broadcast, scrollNote}: TerminalPaneProps) {
  const rows = frame.rows.slice(0, Math.max(0, height - 1));
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text wrap="truncate-end">{paneTitle(frame, broadcast, scrollNote, width)}</Text>
      {rows.map((row, i) => (
        <Text key={i} wrap="truncate-end">{row}</Text>
      ))}
    </Box>
  );
}
