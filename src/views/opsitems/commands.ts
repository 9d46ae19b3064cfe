// OpsCenter: the OpsItems and one item's detail. Its commands as data (the keymap, help and README table read them);
// the handlers are the views' actions.
import type {ResourceCommands} from '../../keys/command-def.js';

export const opsItemCommands = {
  scopes: {
    opsitems: 'OpsItems',
    opsitem: 'OpsItem detail',
  },
  commands: [
    {id: 'opsitems.detail', description: 'Detail of the OpsItem under the cursor: description, operational data, related resources, runbooks', hint: 'detail', scope: 'opsitems', keys: ['enter']},
    {id: 'opsitems.status', description: 'Set the status of the OpsItem under the cursor: Open, InProgress or Resolved (asks first)', hint: 'status', scope: 'opsitems', keys: ['S'], dangerous: true},
    {id: 'opsitems.resolve', description: 'Resolve the OpsItem under the cursor (asks first)', hint: 'resolve', scope: 'opsitems', keys: ['R'], dangerous: true},
    {id: 'opsitem.status', description: 'Set the status of this OpsItem: Open, InProgress or Resolved (asks first)', hint: 'status', scope: 'opsitem', keys: ['S'], dangerous: true},
    {id: 'opsitem.resolve', description: 'Resolve this OpsItem (asks first)', hint: 'resolve', scope: 'opsitem', keys: ['R'], dangerous: true},
    {id: 'opsitem.note', description: 'Add a note: an operational data entry note-<time> (UpdateOpsItem has no notes field; asks first)', hint: 'note', scope: 'opsitem', keys: ['c'], dangerous: true},
    {id: 'opsitem.resource', description: 'Open a related instance in the instances view (the first, or the one numbered in the prompt)', hint: 'instance', scope: 'opsitem', keys: ['i']},
    {id: 'opsitem.runbook', description: 'Start an associated runbook in the Automation view (the first, or the one numbered in the prompt)', hint: 'runbook', scope: 'opsitem', keys: ['a'], dangerous: true},
  ],
} as const satisfies ResourceCommands;
