// The real AWS CLI against the local fleet for what the Session Manager and Distributor guides show: saving
// preferences (create-document, then update-document at $LATEST), describe-sessions, list-documents of Packages,
// and send-command AWS-ConfigureAWSPackage.
import {StartSessionCommand, TerminateSessionCommand} from '@aws-sdk/client-ssm';
import {expect, it} from 'vitest';

import {DEFAULT_SESSION_PREFERENCES, preferencesContent} from '../../../src/fleet/sessions/preferences.js';
import {sessionServiceFor} from '../../../src/local/ssm/sessions/session-service.js';
import {awsCli} from '../../helpers/aws-cli.js';
import {useLocalFleet} from '../../helpers/local-fleet.js';
import {fleetClients} from '../../helpers/fleet-clients.js';
import {linuxNodes, waitForCommand} from '../../helpers/run-command.js';

const local = useLocalFleet({nodes: 30, seed: 'sessions-cli'});
const aws = (args: string[]): Promise<unknown> => awsCli(local.fleet, args);

it('saves session preferences the way the user guide does, and describe-sessions lists History', async () => {
  const first = preferencesContent({...DEFAULT_SESSION_PREFERENCES, idleSessionTimeout: '30'});
  await aws(['ssm', 'create-document', '--name', 'SSM-SessionManagerRunShell', '--content', first, '--document-type', 'Session', '--document-format', 'JSON']);
  const second = preferencesContent({...DEFAULT_SESSION_PREFERENCES, idleSessionTimeout: '45', maxSessionDuration: '120'});
  await aws(['ssm', 'update-document', '--name', 'SSM-SessionManagerRunShell', '--content', second, '--document-version', '$LATEST']);
  const node = linuxNodes(local.fleet)[0];
  if (node === undefined) throw new Error('no online Linux node');
  const c = fleetClients(local.fleet);
  const started = await c.ssm.send(new StartSessionCommand({Target: node.instanceId, Reason: 'cli check'}));
  expect(sessionServiceFor(local.fleet.model).get(started.SessionId ?? '')?.policy?.idleMs).toBe(45 * 60_000);
  await c.ssm.send(new TerminateSessionCommand({SessionId: started.SessionId}));
  const history = (await aws(['ssm', 'describe-sessions', '--state', 'History', '--filters', `key=Target,value=${node.instanceId}`])) as {Sessions: {SessionId: string; Status: string; Reason: string; MaxSessionDuration: string}[]};
  expect(history.Sessions).toEqual([expect.objectContaining({SessionId: started.SessionId, Status: 'Terminated', Reason: 'cli check', MaxSessionDuration: '120'})]);
});

it('lists Package documents and installs one with send-command AWS-ConfigureAWSPackage', async () => {
  const packages = (await aws(['ssm', 'list-documents', '--filters', 'Key=DocumentType,Values=Package'])) as {DocumentIdentifiers: {Name: string; VersionName: string}[]};
  expect(packages.DocumentIdentifiers).toContainEqual(expect.objectContaining({Name: 'AWSCodeDeployAgent', VersionName: '1.7.1'}));
  const node = linuxNodes(local.fleet)[1];
  if (node === undefined) throw new Error('no online Linux node');
  const sent = (await aws(['ssm', 'send-command', '--document-name', 'AWS-ConfigureAWSPackage', '--instance-ids', node.instanceId,
    '--parameters', 'action=Install,name=AWSCodeDeployAgent'])) as {Command: {CommandId: string}};
  const done = await waitForCommand(fleetClients(local.fleet).ssm, sent.Command.CommandId);
  expect(done.Status).toBe('Success');
  const inv = (await aws(['ssm', 'list-inventory-entries', '--instance-id', node.instanceId, '--type-name', 'AWS:Application',
    '--filters', 'Key=Name,Values=codedeploy-agent,Type=Equal'])) as {Entries: {Version: string}[]};
  // (About one node in twelve collects no inventory; this seed's node does.)
  expect(inv.Entries.map((e) => e.Version)).toEqual(['1.7.1']);
});
