// The compliance summary, its non-compliant instances and remediation. Its commands as data (the keymap, help and README table read them); the handlers are the views' actions.
import type {ResourceCommands} from '../../keys/command-def.js';

export const complianceCommands = {
  scopes: {
  compliance: 'Compliance summary',
  nonCompliant: 'Non-compliant instances',
  remediate: 'Compliance remediation',
  },
  commands: [
    {id: 'compliance.open', description: 'Non-compliant instances of the compliance type under the cursor', hint: 'instances', scope: 'compliance', keys: ['enter']},
    {id: 'nonCompliant.items', description: 'Compliance items of the instance under the cursor', hint: 'items', scope: 'nonCompliant', keys: ['enter']},
    {id: 'remediate.patch', description: 'Install now: AWS-RunPatchBaseline Install (RebootIfNeeded) on the marked instances (or the one under the cursor)', hint: 'install now', scope: 'remediate', keys: ['r'], dangerous: true},
    {id: 'remediate.scan', description: 'Scan now: AWS-RunPatchBaseline Scan on the marked instances (or the one under the cursor)', hint: 'scan now', scope: 'remediate', keys: ['s'], dangerous: true},
    {id: 'remediate.window', description: 'Install in the next window: pick an enabled maintenance window, then register the marked instances (or the one under the cursor) with an AWS-RunPatchBaseline Install task', hint: 'next window', scope: 'remediate', keys: ['N'], dangerous: true},
  ],
} as const satisfies ResourceCommands;
