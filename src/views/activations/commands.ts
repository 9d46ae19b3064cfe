// Hybrid activations: the activations, the create form and its one-time result. Its commands as data (the keymap,
// help and README table read them); the handlers are the views' actions.
import type {ResourceCommands} from '../../keys/command-def.js';

export const activationCommands = {
  scopes: {
    activations: 'Hybrid activations',
    activationForm: 'Hybrid activation form',
    activationCreated: 'New hybrid activation',
  },
  commands: [
    {id: 'activations.create', description: 'Create an activation (a form: IAM role, registration limit, expiry, default name, description)', hint: 'new', scope: 'activations', keys: ['c'], dangerous: true},
    {id: 'activations.delete', description: 'Delete the activation under the cursor (asks first; registered nodes stay)', hint: 'delete', scope: 'activations', keys: ['D'], dangerous: true},
    {id: 'activationForm.role', description: 'IAM role the nodes assume (a role name, not an ARN)', hint: 'role', scope: 'activationForm', keys: ['r']},
    {id: 'activationForm.limit', description: 'Registration limit (1-1000 nodes)', hint: 'limit', scope: 'activationForm', keys: ['l']},
    {id: 'activationForm.expiry', description: 'Expiry in hours from now (up to 720; empty is 24)', hint: 'expiry', scope: 'activationForm', keys: ['x']},
    {id: 'activationForm.name', description: 'Default instance name of the registered nodes', hint: 'name', scope: 'activationForm', keys: ['n']},
    {id: 'activationForm.description', description: 'Description of the activation', hint: 'description', scope: 'activationForm', keys: ['d']},
    {id: 'activationForm.save', description: 'Create the activation (asks first); its code is shown once', hint: 'create', scope: 'activationForm', keys: ['enter'], dangerous: true},
    {id: 'activationCreated.copyLinux', description: 'Copy the Linux register line (OSC 52)', hint: 'copy linux', scope: 'activationCreated', keys: ['l']},
    {id: 'activationCreated.copyWindows', description: 'Copy the Windows PowerShell lines (OSC 52)', hint: 'copy windows', scope: 'activationCreated', keys: ['w']},
  ],
} as const satisfies ResourceCommands;
