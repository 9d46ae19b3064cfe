// Runbooks waiting for someone's approval, loud in the header from any view: one DescribeAutomationExecutions call
// (the AWAITING_APPROVAL filters, a page of 10) every 10 seconds, and only when Automation is available.
import {AWAITING_APPROVAL} from '../../fleet/automation/port.js';
import type {AppStore} from '../../store/store.js';
import type {Services} from '../view.js';
import './services.js';

export const APPROVAL_POLL_MS = 10_000;
const NOTE = 'automation';

export function approvalNote(count: number, more: boolean): string | undefined {
  if (count === 0) return undefined;
  return `⏸ ${count}${more ? '+' : ''} runbook${count === 1 && !more ? '' : 's'} waiting for approval (:auto)`;
}

export function watchApprovals(store: AppStore, services: Services, everyMs = APPROVAL_POLL_MS): () => void {
  const api = services.automation;
  if (!api) return () => undefined;
  const abort = new AbortController();
  let busy = false;
  const poll = () => {
    if (busy) return;
    busy = true;
    api.listExecutions({filters: AWAITING_APPROVAL, maxResults: 10}, abort.signal).then(
      (page) => store.getState().setHeaderNote(NOTE, approvalNote(page.executions.length, page.nextToken !== undefined)),
      () => undefined, // Offline or throttled: the note stays as it was until the next poll answers.
    ).finally(() => {
      busy = false;
    });
  };
  poll();
  const timer = setInterval(poll, everyMs);
  timer.unref?.();
  return () => {
    clearInterval(timer);
    abort.abort();
  };
}
