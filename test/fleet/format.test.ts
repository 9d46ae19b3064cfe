import {describe, expect, it} from 'vitest';
import {
  agentOutdated, compareVersions, displayWidth, formatAge, humanDuration, newestAgentByPlatform, padCell, pingTone,
  truncate,
} from '../../src/fleet/format.js';
import {makeInstance} from '../helpers/instances.js';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const Y = 365 * D;

describe('humanDuration (kubectl/k9s style)', () => {
  it.each([
    [0, '0s'],
    [999, '0s'],
    [-1500, '0s'],
    [-2500, '<invalid>'],
    [45 * S, '45s'],
    [119 * S, '119s'],
    [2 * M, '2m'],
    [2 * M + 5 * S, '2m5s'],
    [9 * M + 59 * S, '9m59s'],
    [10 * M + 30 * S, '10m'],
    [179 * M, '179m'],
    [3 * H, '3h'],
    [7 * H + 59 * M, '7h59m'],
    [8 * H + 30 * M, '8h'],
    [47 * H, '47h'],
    [2 * D, '2d'],
    [7 * D + 23 * H, '7d23h'],
    [8 * D + 5 * H, '8d'],
    [729 * D, '729d'],
    [2 * Y, '2y'],
    [2 * Y + 3 * D, '2y3d'],
    [9 * Y + 100 * D, '9y'],
    [Number.NaN, '—'],
  ])('%d ms → %s', (ms, expected) => {
    expect(humanDuration(ms)).toBe(expected);
  });
});

describe('formatAge', () => {
  const now = 1_700_000_000_000;
  it.each<[number | undefined, string]>([
    [undefined, '—'],
    [now - 12 * S, '12s'],
    [now - 4 * M, '4m'],
    [now - 3 * H, '3h'],
    [now - 2 * D, '2d'],
    [now + 10 * S, '<invalid>'],
  ])('%s → %s', (at, expected) => {
    expect(formatAge(at, now)).toBe(expected);
  });
});

describe('displayWidth', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['日本語', 6],
    ['ｗｉｄｅ', 8],
    ['한국', 4],
    ['e\u0301', 1], // combining acute
    ['🚀x', 3],
    ['␛[2J', 4],
    ['a\u200bb', 2],
    ['𠀀', 2],
  ])('%j → %d', (s, w) => {
    expect(displayWidth(s)).toBe(w);
  });
});

describe('truncate', () => {
  it.each([
    ['web-01', 10, 'web-01'],
    ['web-01', 6, 'web-01'],
    ['web-012', 6, 'web-0…'],
    ['abc', 1, '…'],
    ['abc', 0, ''],
    ['abc', -3, ''],
    ['日本語テキスト', 7, '日本語…'],
    ['日本語テキスト', 6, '日本…'], // the wide char that would straddle is left out
    ['ab日本', 4, 'ab…'],
  ])('%j to %d → %j', (s, width, expected) => {
    const out = truncate(s, width);
    expect(out).toBe(expected);
    expect(displayWidth(out)).toBeLessThanOrEqual(Math.max(0, width));
  });
});

describe('padCell', () => {
  it.each<[string, number, 'left' | 'right' | 'center' | undefined, string]>([
    ['ab', 5, undefined, 'ab   '],
    ['ab', 5, 'left', 'ab   '],
    ['ab', 5, 'right', '   ab'],
    ['ab', 5, 'center', ' ab  '],
    ['abcdef', 4, 'left', 'abc…'],
    ['日本語', 5, 'left', '日本…'],
    ['日本語テ', 6, 'right', ' 日本…'],
    ['', 3, 'left', '   '],
  ])('%j in %d (%s) → %j', (s, width, align, expected) => {
    const out = padCell(s, width, align);
    expect(out).toBe(expected);
    expect(displayWidth(out)).toBe(width);
  });
});

describe('compareVersions', () => {
  it.each<[string, string, -1 | 0 | 1]>([
    ['3.2.1000.0', '3.10.1.0', -1],
    ['3.10.1.0', '3.2.1000.0', 1],
    ['3.3.40.0', '3.3.40.0', 0],
    ['3.3', '3.3.0.0', 0],
    ['3.3.1', '3.3', 1],
    ['2.3.1644.0', '3.0.0.0', -1],
    ['3.1.0', '3.beta', 1],
    ['3.1rc1', '3.1rc2', -1],
    ['3.01', '3.1', 0],
    ['', '1', -1],
  ])('%s vs %s → %d', (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
    expect(compareVersions(b, a)).toBe(-expected || 0);
  });
});

describe('pingTone', () => {
  it.each([
    ['Online', 'good'],
    ['ConnectionLost', 'bad'],
    ['Inactive', 'muted'],
    ['Unknown', 'warn'],
    ['constructor', 'warn'],
  ])('%s → %s', (status, tone) => {
    expect(pingTone(status)).toBe(tone);
  });
});

describe('agentOutdated', () => {
  const fleet = [
    makeInstance({instanceId: 'i-1', platformType: 'Linux', agentVersion: '3.3.40.0'}),
    makeInstance({instanceId: 'i-2', platformType: 'Linux', agentVersion: '3.10.1.0'}),
    makeInstance({instanceId: 'i-3', platformType: 'Windows', agentVersion: '3.2.1000.0'}),
    makeInstance({instanceId: 'i-4', platformType: 'Windows', agentVersion: ''}),
  ];
  const newest = newestAgentByPlatform(fleet);

  it('finds the newest version per platform, numerically', () => {
    expect(newest).toEqual({Linux: '3.10.1.0', Windows: '3.2.1000.0'});
  });

  it('finds the same newest versions in a large fleet of a few versions repeated (each weighed once)', () => {
    const versions = ['3.2.1000.0', '3.10.1.0', '3.3.40.0', '3.3', '3.3.0.0', '3.beta', '3.10.1', ''];
    const platforms = ['Linux', 'Windows', 'MacOS'] as const;
    let seed = 3;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let round = 0; round < 50; round++) {
      const big = Array.from({length: 200}, (_, n) => makeInstance({instanceId: `i-${n}`,
        platformType: platforms[rand(3)], agentVersion: versions[rand(versions.length)]}));
      const expected: Record<string, string> = {};
      for (const i of big) {
        const seen = expected[i.platformType];
        if (i.agentVersion && (seen === undefined || compareVersions(i.agentVersion, seen) > 0)) expected[i.platformType] = i.agentVersion;
      }
      expect(newestAgentByPlatform(big)).toEqual(expected);
    }
  });

  it.each<[string, Partial<Parameters<typeof makeInstance>[0]>, boolean]>([
    ['SSM says latest, even if older than seen', {platformType: 'Linux', agentVersion: '3.0.0.0', isLatestVersion: true}, false],
    ['SSM says not latest, even if newest seen', {platformType: 'Linux', agentVersion: '3.10.1.0', isLatestVersion: false}, true],
    ['older than newest seen on platform', {platformType: 'Linux', agentVersion: '3.3.40.0'}, true],
    ['equal to newest seen', {platformType: 'Windows', agentVersion: '3.2.1000.0'}, false],
    ['other platforms do not count', {platformType: 'MacOS', agentVersion: '1.0.0.0'}, false],
    ['unknown version is never outdated', {platformType: 'Linux', agentVersion: ''}, false],
  ])('%s', (_name, fields, expected) => {
    expect(agentOutdated(makeInstance(fields), newest)).toBe(expected);
  });
});
