// Two lines at the top: where you are and the fleet at a glance; then the sync status or a message.
import React from 'react';
import {Box, Text} from 'ink';
import type {AwsTarget} from '../fleet/target.js';
import type {SyncState} from '../store/store.js';
import {fleetCounts} from '../fleet/instances/fleet-counts.js';
import type {ManagedInstance} from '../fleet/instances/instance.js';
import {bold, tone} from './style.js';
import {sanitizeText} from '../fleet/sanitize.js';
import {clock} from '../fleet/format.js';
import type {ContextInfo} from '../fleet/contexts/context.js';
import type {ContextLoad} from '../store/contexts-slice.js';
import {contextBadges, contextTrouble, guardBadges} from './context-badges.js';

export {clock};

export function syncLine(sync: SyncState, loadedAt: number | undefined, loading: number, activity?: string): string {
  switch (sync.status) {
    case 'error':
    case 'throttled': {
      const stale = loadedAt ? `stale: data from ${clock(loadedAt)} · ` : '';
      const retry = sync.nextAttemptAt ? ` · retrying at ${clock(sync.nextAttemptAt)}` : '';
      return tone(`⚠ ${stale}${sanitizeText(sync.lastError ?? 'refresh failed')}${retry}`, sync.status === 'throttled' ? 'warn' : 'bad');
    }
    case 'loading':
      if (activity) return tone(activity, 'muted');
      // Until the first load completes, say so (rows already on screen may be only the first pages).
      return sync.lastSuccessAt === undefined ? tone(`loading the fleet… ${loading} nodes so far`, 'muted') : '';
    case 'paused':
      return tone('refresh paused', 'muted');
    case 'idle':
    case 'ok':
    case 'stopped':
      return activity ? tone(activity, 'muted') : '';
  }
}

/**
 * Where the calls go. A custom endpoint (--endpoint-url, AWS_ENDPOINT_URL, AWS_ENDPOINT_URL_SSM, a profile's
 * endpoint_url) is said right after the region, in a warning colour: it must never pass for real AWS.
 */
export function whereText(target: AwsTarget): string {
  if (target.kind === 'local') return tone(bold('LOCAL FLEET'), 'accent');
  if (!target.endpoint) return bold(sanitizeText(target.label));
  const at = [target.accountId, target.region || 'no region', target.profile ? `profile ${target.profile}` : undefined]
    .filter(Boolean).join(' · ');
  return `${bold(sanitizeText(at))} ${tone(`endpoint ${sanitizeText(target.endpoint)}`, 'warn')}`;
}

export interface HeaderProps {
  target: AwsTarget;
  instances: readonly ManagedInstance[];
  loadedAt?: number;
  sync: SyncState;
  marked: number;
  flash?: {text: string; tone: 'info' | 'warn' | 'error'};
  readOnly: boolean;
  activity?: string;
  activeRuns?: number;
  /** Shell sessions open. */
  shells?: number;
  /** Port forwards up. */
  forwards?: number;
  /** Resources' loud notes (runbooks waiting for approval). */
  notes?: readonly string[];
  /** Where the user is, e.g. `managed instances › compliance › non-compliant` (esc goes back one step). */
  crumbs?: string;
  /** Several contexts: each one's badge replaces the single target, and a context in trouble is said in full. */
  contexts?: readonly ContextInfo[];
  contextLoads?: Readonly<Record<string, ContextLoad>>;
}

export function Header({target, instances, loadedAt, sync, marked, flash, readOnly, activity, activeRuns = 0, shells = 0, forwards = 0, notes = [], crumbs, contexts, contextLoads = {}}: HeaderProps) {
  const c = fleetCounts(instances);
  const many = contexts !== undefined && contexts.length > 1;
  // Most important first: narrow terminals cut the end of the line.
  const parts = [
    `${bold('fleetdeck')} ${many ? contextBadges(contexts, contextLoads) : whereText(target)}`,
    // The only context of a run says its guards as loudly as each of several would.
    !many && contexts?.[0] ? guardBadges(contexts[0]) : '',
    `${c.total} nodes ${tone(`${c.online} online`, 'good')}${c.lost ? ` ${tone(`${c.lost} lost`, 'bad')}` : ''}`,
    marked ? tone(`${marked} marked`, 'accent') : '',
    readOnly ? tone('READ-ONLY', 'warn') : '',
    ...notes.map((n) => tone(sanitizeText(n), 'bad')),
    activeRuns ? tone(`▶ ${activeRuns} run${activeRuns === 1 ? '' : 's'} active`, 'accent') : '',
    shells ? tone(`${shells} shell${shells === 1 ? '' : 's'}`, 'accent') : '',
    forwards ? tone(`⇄ ${forwards} forward${forwards === 1 ? '' : 's'}`, 'accent') : '',
    `refreshed ${clock(loadedAt)}`,
    target.kind === 'local' && target.endpoint ? tone(sanitizeText(target.endpoint), 'muted') : '',
  ].filter(Boolean);
  const trouble = many ? contextTrouble(contexts, contextLoads) : undefined;
  const status = flash
    ? tone(sanitizeText(flash.text), flash.tone === 'error' ? 'bad' : flash.tone === 'warn' ? 'warn' : 'accent')
    : syncLine(sync, loadedAt, instances.length, activity) || (trouble ? tone(`⚠ ${trouble}`, 'bad') : '');
  return (
    <Box flexDirection="column" height={2}>
      <Text wrap="truncate-end">{parts.join(' │ ')}</Text>
      <Text wrap="truncate-end">{[status, crumbs ? tone(crumbs, 'muted') : ''].filter(Boolean).join(tone(' │ ', 'muted')) || ' '}</Text>
    </Box>
  );
}
