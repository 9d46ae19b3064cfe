// Filtering the table on screen of a dashboard under a pty, one way for every end-to-end test: each step waits for
// what the screen shows (the prompt open, the text typed, the prompt closed), never for a screen that the previous
// one already matched — the footer of before the prompt would pass for the prompt closed again on a loaded machine.
import type {Tui} from './pty-harness.js';

/** Replaces the table's filter with `text` ('' clears it), as a user types it at the `/` prompt. */
export async function filterTable(tui: Tui, text: string): Promise<void> {
  await tui.press('/');
  await tui.waitFor(() => tui.line(-2).startsWith('/'), {description: 'the filter prompt'});
  // The prompt starts from the filter in force.
  await tui.press('ctrl-u');
  await tui.type(text);
  await tui.waitFor(() => tui.line(-2).includes(text), {description: `"${text}" typed`});
  await tui.press('enter');
  await tui.waitFor(() => !tui.line(-2).startsWith('/'), {description: 'the filter prompt closed'});
}
