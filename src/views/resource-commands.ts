// The commands of every view folder, one line each: the keymap, the `?` help, the footer and the README key table
// read them from here. Data only (no views are loaded), so the CLI can check a config's keys before the UI starts.
import {instanceCommands} from './instances/commands.js';
import {commandHistoryCommands} from './run-command/commands.js';
import {complianceCommands} from './compliance/commands.js';
import {inventoryCommands} from './inventory/commands.js';
import {forwardCommands} from './forwards/commands.js';
import {documentCommands} from './documents/commands.js';
import {associationCommands} from './associations/commands.js';
import {parameterCommands} from './parameters/commands.js';
import {automationCommands} from './automation/commands.js';
import {windowCommands} from './windows/commands.js';
import {baselineCommands} from './baselines/commands.js';
import {activationCommands} from './activations/commands.js';
import {sessionCommands} from './sessions/commands.js';
import {opsItemCommands} from './opsitems/commands.js';
import {distributorCommands} from './distributor/commands.js';
import {contextCommands} from './contexts/commands.js';
import {orgNodeCommands} from './org-nodes/commands.js';

export const RESOURCE_COMMANDS = [
  instanceCommands,
  commandHistoryCommands,
  complianceCommands,
  inventoryCommands,
  forwardCommands,
  documentCommands,
  associationCommands,
  parameterCommands,
  automationCommands,
  windowCommands,
  baselineCommands,
  activationCommands,
  sessionCommands,
  opsItemCommands,
  distributorCommands,
  contextCommands,
  orgNodeCommands,
] as const;
