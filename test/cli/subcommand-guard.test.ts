import {describe, expect, it} from 'vitest';
import {SUBCOMMAND_MUTATES, subcommandRefusal} from '../../src/cli/subcommand-guard.js';
import {READ_ONLY_REFUSALS} from '../../src/fleet/read-only.js';

const on = {readOnly: true, allowForwards: false};

describe('subcommandRefusal', () => {
  it('refuses exactly the subcommands that change something, with the dashboard words', () => {
    const refused = Object.keys(SUBCOMMAND_MUTATES).filter((c) => subcommandRefusal(c as keyof typeof SUBCOMMAND_MUTATES, on));
    expect(refused.sort()).toEqual(['forward', 'run']);
    expect(subcommandRefusal('run', on)).toBe(READ_ONLY_REFUSALS.run);
    expect(subcommandRefusal('forward', on)).toBe(READ_ONLY_REFUSALS.forward);
  });

  it('lets everything through without read-only, and forwards with allowForwardsInReadOnly', () => {
    for (const c of Object.keys(SUBCOMMAND_MUTATES)) {
      expect(subcommandRefusal(c as keyof typeof SUBCOMMAND_MUTATES, {readOnly: false, allowForwards: false})).toBeUndefined();
    }
    expect(subcommandRefusal('forward', {readOnly: true, allowForwards: true})).toBeUndefined();
    expect(subcommandRefusal('run', {readOnly: true, allowForwards: true})).toBe(READ_ONLY_REFUSALS.run);
  });
});
