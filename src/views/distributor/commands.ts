// Distributor: the packages and one package's detail. Its commands as data (the keymap, help and README table read
// them); the handlers are the views' actions.
import type {ResourceCommands} from '../../keys/command-def.js';

export const distributorCommands = {
  scopes: {
    distributor: 'Distributor packages',
    distributorPackage: 'Distributor package detail',
  },
  commands: [
    {id: 'distributor.detail', description: 'Detail of the package under the cursor: versions, platforms, which instances have which version', hint: 'detail', scope: 'distributor', keys: ['enter']},
    {id: 'distributor.install', description: 'Install the package under the cursor: the Run Command form with AWS-ConfigureAWSPackage, on the marked instances (or a target expression typed in the form)', hint: 'install', scope: 'distributor', keys: ['I'], dangerous: true},
    {id: 'distributor.uninstall', description: 'Uninstall the package under the cursor, through the Run Command form as install', hint: 'uninstall', scope: 'distributor', keys: ['U'], dangerous: true},
    {id: 'distributor.who', description: 'Instances that have the package under the cursor (inventory AWS:Application)', hint: 'who has it', scope: 'distributor', keys: ['w']},
    {id: 'distributorPackage.install', description: 'Install this package (a version typed in the prompt line; empty: the default version) through the Run Command form', hint: 'install', scope: 'distributorPackage', keys: ['I'], dangerous: true},
    {id: 'distributorPackage.uninstall', description: 'Uninstall this package through the Run Command form', hint: 'uninstall', scope: 'distributorPackage', keys: ['U'], dangerous: true},
    {id: 'distributorPackage.who', description: 'Instances that have this package (inventory AWS:Application)', hint: 'who has it', scope: 'distributorPackage', keys: ['w']},
  ],
} as const satisfies ResourceCommands;
