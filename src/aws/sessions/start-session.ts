// Session Manager calls (StartSession, ResumeSession, TerminateSession) for shells, as the SessionApi the native
// client needs. src/aws is the only place that talks to the SDK.
import {ResumeSessionCommand, StartSessionCommand, TerminateSessionCommand} from '@aws-sdk/client-ssm';
import type {AwsClients} from '../clients.js';
import type {SessionApi} from '../../session/client.js';
import {PortForward, type PortForwardOptions} from '../../session/port-forward.js';

export function sessionApi(aws: Pick<AwsClients, 'ssm'>): SessionApi {
  return {
    startSession: (input) => aws.ssm.send(new StartSessionCommand(input)),
    resumeSession: (input) => aws.ssm.send(new ResumeSessionCommand(input)),
    terminateSession: (input) => aws.ssm.send(new TerminateSessionCommand(input)),
  };
}

/** A port forward (AWS-StartPortForwardingSession…) through the same Session Manager calls. */
export function openPortForward(aws: Pick<AwsClients, 'ssm'>, options: Omit<PortForwardOptions, 'api'>): Promise<PortForward> {
  return PortForward.open({...options, api: sessionApi(aws)});
}
