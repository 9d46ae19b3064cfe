// Pure compliance helpers: the severity bar, which rows need their facts (re)loaded, and the side pane's lines.
import {describe, expect, it} from 'vitest';
import {severityBar, zeroSeverities} from '../../../src/fleet/compliance/compliance.js';
import {staleIds, type NodeInsight} from '../../../src/fleet/compliance/compliance-insight.js';
import {paneLines} from '../../../src/views/instances/insight-pane.js';
import {makeInstance} from '../../helpers/instances.js';
import {stripAnsi} from '../../helpers/ink.js';

describe('severityBar', () => {
  it('splits the width by severity, most severe first, never hiding a small non-zero count', () => {
    expect(severityBar({...zeroSeverities(), CRITICAL: 1, LOW: 99}, 10)).toBe('█░░░░░░░░░');
    expect(severityBar({...zeroSeverities(), HIGH: 2, MEDIUM: 2}, 8)).toBe('▓▓▓▓▒▒▒▒');
    expect(severityBar(zeroSeverities(), 8)).toBe('');
    for (let n = 1; n < 30; n++) {
      const bar = severityBar({...zeroSeverities(), CRITICAL: n, HIGH: 7, MEDIUM: 1, LOW: 1, UNSPECIFIED: 3}, 12);
      expect([...bar].length).toBeLessThanOrEqual(12);
      expect(bar).toMatch(/^█+▓+▒+░+·+$/);
    }
  });
});

describe('staleIds', () => {
  it('picks ids never loaded or loaded longer ago than the limit', () => {
    const have: Record<string, NodeInsight> = {a: {at: 1_000, compliance: []}, b: {at: 50_000, compliance: []}};
    expect(staleIds(['a', 'b', 'c'], have, 60_000, 30_000)).toEqual(['a', 'c']);
  });
});

describe('paneLines', () => {
  it('shows each compliance type, patch counts and the inventory summary of the instance', () => {
    const row = makeInstance({instanceId: 'i-0abc', name: 'web-1'});
    const now = Date.now();
    const insight: NodeInsight = {at: now - 5_000, compliance: [
      {instanceId: 'i-0abc', type: 'Patch', status: 'NON_COMPLIANT', severity: 'CRITICAL', compliant: 3, nonCompliant: 2,
        nonCompliantBySeverity: {...zeroSeverities(), CRITICAL: 2}},
      {instanceId: 'i-0abc', type: 'Association', status: 'COMPLIANT', severity: 'UNSPECIFIED', compliant: 1, nonCompliant: 0,
        nonCompliantBySeverity: zeroSeverities()},
    ], patch: {instanceId: 'i-0abc', missing: 2, failed: 0, pendingReboot: 1, installed: 40, operation: 'Scan', operationEndTime: now - 3_600_000}};
    const lines = paneLines(row, insight, {at: now, captureTime: now - 2 * 86_400_000, platform: 'Amazon Linux 2023', agent: '3.3.40.0',
      applications: 312, interfaces: [{name: 'eth0', ipv4: '10.0.0.1'}], services: 20, running: 18}, now).map(stripAnsi);
    expect(lines).toContain('  Patch 2 failing CRITICAL');
    expect(lines).toContain('  Association compliant');
    expect(lines).toContain('  patches: 2 missing, 0 failed, 1 need reboot');
    expect(lines).toContain('Compliance as of 5s ago');
    expect(lines).toContain('Inventory captured 2d ago · stale');
    expect(lines).toContain('  312 applications · 20 services (18 running)');
    expect(lines).toContain('  eth0 10.0.0.1');
    expect(paneLines(row, undefined, {error: 'AccessDeniedException: no'}, now).map(stripAnsi)).toContain('Inventory AccessDeniedException: no');
  });
});
