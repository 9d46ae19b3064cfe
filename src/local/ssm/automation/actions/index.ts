// Every action the local fleet's Automation runs, by its `action` name.
import type {Action} from '../types.js';
import {apiActions} from './api-actions.js';
import {automationActions} from './automation-action.js';
import {flowActions} from './flow-actions.js';
import {resourceActions} from './resource-actions.js';
import {runCommandActions} from './run-command-action.js';
import {scriptActions} from './script-action.js';

const ACTIONS: Readonly<Record<string, Action>> = {
  ...flowActions, ...apiActions, ...resourceActions, ...runCommandActions, ...scriptActions, ...automationActions,
};

export function actionFor(name: string): Action | undefined {
  return Object.hasOwn(ACTIONS, name) ? ACTIONS[name] : undefined;
}

/** Default step timeouts (seconds) where SSM has one: approvals wait a week, property waits an hour. */
export const DEFAULT_TIMEOUT_SECONDS: Readonly<Record<string, number>> = {
  'aws:approve': 604_800,
  'aws:waitForAwsResourceProperty': 3_600,
  'aws:executeScript': 600,
};
