import {describe, expect, it} from 'vitest';

import {
  CLIENT_VERSION,
  agentCompareVersions,
  agentKeepaliveEnabled,
  agentSupportsTerminateSessionFlag,
  agentUsesMux,
  clientKeepaliveEnabled,
  goAtoi,
  pluginCompareVersions,
  useMux,
} from '../../src/session/versions.js';

describe('client (plugin) rules', () => {
  it.each([
    ['3.0.196.0', false],
    ['3.0.197.0', true],
    ['3.3.1142.0', true],
    ['10.0.0.0', true],
    ['3.0.196', false], // component counts differ → "not greater"
    ['3.0.196.0.1', false],
    ['', false],
    ['3.x.1.0', false],
    [' 3.0.197.0', false],
    ['+3.0.197.0', true], // strconv.Atoi accepts a sign
    ['2.9.999.9', false],
  ])('useMux(%j) = %s', (agentVersion, expected) => {
    expect(useMux(agentVersion)).toBe(expected);
  });

  it.each([
    ['3.1.1511.0', true],
    ['3.1.1476.0', true],
    ['3.1.1512.0', false],
    ['3.2.0.0', false],
    ['3.3.1142.0', false],
    ['garbage', true],
    ['3.2', true],
  ])('clientKeepaliveEnabled(%j) = %s', (agentVersion, expected) => {
    expect(clientKeepaliveEnabled(agentVersion)).toBe(expected);
  });

  it.each([
    ['2.3.722.0', false],
    ['2.3.723.0', true],
    ['2.2.999.0', false],
  ])('agentSupportsTerminateSessionFlag(%j) = %s', (agentVersion, expected) => {
    expect(agentSupportsTerminateSessionFlag(agentVersion)).toBe(expected);
  });

  it.each([
    ['1.2.3.4', '1.2.3.4', 0],
    ['1.2.3.5', '1.2.3.4', 1],
    ['1.2.3.4', '1.2.10.0', -1],
    ['1.2.3', '1.2.3.0', undefined],
    ['1.a', '1.0', undefined],
    ['', '1', undefined],
    ['01.2', '1.2', 0],
  ])('pluginCompareVersions(%j, %j) = %s', (a, b, expected) => {
    expect(pluginCompareVersions(a, b)).toBe(expected);
  });
});

describe('agent rules (versionutil.Compare, strict)', () => {
  it.each([
    ['1.1.70', true], // semver equal
    ['1.1.69', false],
    ['1.1.7', false],
    ['1.1.70.0', true], // not semver: equal components, then more components wins
    ['1.2.707.0', true],
    ['1.0.999.0', false],
    ['1.1.70-rc1', false], // pre-release sorts below the release
    ['', false],
  ])('agentUsesMux(%j) = %s', (clientVersion, expected) => {
    expect(agentUsesMux(clientVersion)).toBe(expected);
  });

  it.each([
    ['1.2.331.0', true],
    ['1.2.332.0', false],
    ['1.2.707.0', false],
    ['1.2.0.0', true], // source-built plugins: the agent keeps keepalive on
    ['1.2.331', true], // fewer components → smaller
    ['1.2.331.0.1', false],
    ['', true],
  ])('agentKeepaliveEnabled(%j) = %s', (clientVersion, expected) => {
    expect(agentKeepaliveEnabled(clientVersion)).toBe(expected);
  });

  it.each([
    ['1.2.3.4.5', '1.2.3', true, 2],
    ['1.0.0.0', '1', true, 3],
    ['1.0.0.0', '1', false, 0],
    ['1.2.0', '1.2', false, 0],
    ['1.a', '1.b', true, -1],
    ['1.10', '1.9', true, 1],
    ['1.0.0-alpha', '1.0.0-beta', true, -1],
    ['1.0.0-2', '1.0.0-10', true, -1],
    ['1.0.0-01', '1.0.0-1', true, -1], // go-semver v0.2.0: equal numbers fall through to text
    ['1.0.0-alpha.1', '1.0.0-alpha', true, 1],
    ['1.0.0+build', '1.0.0', true, 0],
    ['2.0.0', '10.0.0', true, -1],
  ])('agentCompareVersions(%j, %j, %s) = %d', (a, b, strict, expected) => {
    expect(agentCompareVersions(a, b, strict)).toBe(expected);
  });
});

describe('our ClientVersion', () => {
  it('gets mux and no keepalive from any agent, under both comparators', () => {
    expect(agentUsesMux(CLIENT_VERSION)).toBe(true);
    expect(agentKeepaliveEnabled(CLIENT_VERSION)).toBe(false);
    expect(pluginCompareVersions(CLIENT_VERSION, '1.2.331.0')).toBe(1);
  });
});

describe('goAtoi', () => {
  it.each([
    ['42', 42n],
    ['+5', 5n],
    ['-0', 0n],
    ['007', 7n],
    ['1_000', undefined],
    ['', undefined],
    ['+', undefined],
    ['9223372036854775807', 9223372036854775807n],
    ['9223372036854775808', undefined],
    ['1e3', undefined],
  ])('goAtoi(%j) = %s', (text, expected) => {
    expect(goAtoi(text)).toBe(expected);
  });
});
