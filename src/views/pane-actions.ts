// The commands every text pane shares (the output and detail panes): first and last line, `/` search with n and N,
// and ctrl+s, which saves the pane's full text (a command's whole output, not the lines on screen) to a file.
import type {CommandId} from '../keys/commands.js';
import {currentScreen, type AppStore} from '../store/store.js';
import {SGR, matchingLines, nextMatch, scrollTo} from '../fleet/text-search.js';
import {sanitizeText} from '../fleet/sanitize.js';
import type {ActionContext} from './view.js';

/** What ctrl+s writes: a file name (no directory) and the text (and what the user should know about it), or why
 * there is nothing to save yet. */
export type SaveRequest = {name: string; text: string; note?: string} | {unavailable: string};

export interface PaneText {
  lines: (store: AppStore, arg: string | undefined, width: number) => string[];
  save?: (store: AppStore, arg: string | undefined) => SaveRequest;
}

/** The pane's height as the app lays it out: the page size plus the line the pager keeps for context. */
const paneHeight = (ctx: ActionContext) => ctx.pageSize + 1;

export function paneActions(pane: PaneText): Partial<Record<CommandId, (ctx: ActionContext) => void>> {
  const linesOf = (ctx: ActionContext) => {
    const s = ctx.store.getState();
    return pane.lines(ctx.store, currentScreen(s).arg, s.size.cols);
  };
  const jump = (ctx: ActionContext, dir: 1 | -1) => {
    const s = ctx.store.getState();
    const screen = currentScreen(s);
    const query = screen.search?.query;
    if (!query) {
      s.setFlash({text: 'no search yet: / searches', tone: 'info'});
      return;
    }
    const lines = linesOf(ctx);
    const matches = matchingLines(lines, query);
    const from = screen.search?.line ?? screen.scroll ?? 0;
    const line = nextMatch(matches, from, dir);
    if (line === undefined) {
      s.setFlash({text: `no match for ${sanitizeText(query)}`, tone: 'warn'});
      return;
    }
    s.setSearch({query, line}, scrollTo(line, lines.length, paneHeight(ctx)));
  };
  /** Scroll by `delta` lines, never past the last page (or j at the end would have to be undone by as many k). */
  const scrollBy = (delta: (ctx: ActionContext) => number) => (ctx: ActionContext) => {
    const s = ctx.store.getState();
    const last = Math.max(0, linesOf(ctx).length - paneHeight(ctx));
    s.setScroll(Math.max(0, Math.min(last, (currentScreen(s).scroll ?? 0) + delta(ctx))));
  };
  return {
    'detail.down': scrollBy(() => 1),
    'detail.up': scrollBy(() => -1),
    'detail.pageDown': scrollBy((ctx) => ctx.pageSize),
    'detail.pageUp': scrollBy((ctx) => -ctx.pageSize),
    'detail.top': (ctx) => ctx.store.getState().setScroll(0),
    'detail.bottom': (ctx) => ctx.store.getState().setScroll(Math.max(0, linesOf(ctx).length - paneHeight(ctx))),
    'detail.search': (ctx) => {
      const s = ctx.store.getState();
      const before = currentScreen(s).search?.query ?? '';
      s.setPrompt({kind: 'search', text: '', before, onSubmit: (query) => {
        const st = ctx.store.getState();
        if (!query) {
          st.setSearch(undefined);
          return;
        }
        const lines = linesOf(ctx);
        const matches = matchingLines(lines, query);
        const line = nextMatch(matches, currentScreen(st).scroll ?? 0, 1, true);
        if (line === undefined) {
          st.setSearch({query});
          st.setFlash({text: `no match for ${sanitizeText(query)}`, tone: 'warn'});
          return;
        }
        st.setSearch({query, line}, scrollTo(line, lines.length, paneHeight(ctx)));
      }});
    },
    'detail.nextMatch': (ctx) => jump(ctx, 1),
    'detail.prevMatch': (ctx) => jump(ctx, -1),
    'detail.save': (ctx) => {
      const s = ctx.store.getState();
      const req = pane.save?.(ctx.store, currentScreen(s).arg) ?? {unavailable: 'nothing to save in this pane'};
      if ('unavailable' in req) {
        s.setFlash({text: req.unavailable, tone: 'warn'});
        return;
      }
      if (!ctx.services.saveText) {
        s.setFlash({text: 'saving files is not available here', tone: 'warn'});
        return;
      }
      try {
        const file = ctx.services.saveText(req.name, req.text);
        s.setFlash({text: `saved to ${file}${req.note ? ` (${req.note})` : ''}`, tone: req.note ? 'warn' : 'info'});
      } catch (e) {
        s.setFlash({text: `could not save: ${sanitizeText(e instanceof Error ? e.message : String(e))}`, tone: 'error'});
      }
    },
  };
}

/** A pane line without its styling. */
export const plainText = (line: string) => line.replace(SGR, '');

/** The summary after a pane's title while a search is on: which match of how many. */
export function searchNote(lines: readonly string[], search: {query: string; line?: number} | undefined): string {
  if (!search?.query) return '';
  const matches = matchingLines(lines, search.query);
  const at = search.line === undefined ? 0 : matches.indexOf(search.line) + 1;
  return `/${sanitizeText(search.query)} ${matches.length ? `${at}/${matches.length}` : 'no match'}`;
}
