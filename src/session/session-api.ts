/** The SSM session operations (Start, Resume, Terminate) as an injectable interface, plus its SDK-backed implementation. */
import type {SSMClient} from '@aws-sdk/client-ssm';

export interface SessionCredentials {
  SessionId?: string | undefined;
  TokenValue?: string | undefined;
  StreamUrl?: string | undefined;
}

export interface StartSessionInput {
  Target: string;
  DocumentName?: string;
  Reason?: string;
  Parameters?: Record<string, string[]>;
}

/** The SSM operations the client needs (the SDK's aggregated `SSM` class has this shape). */
export interface SessionApi {
  startSession(input: StartSessionInput): Promise<SessionCredentials>;
  resumeSession(input: {SessionId: string}): Promise<SessionCredentials>;
  terminateSession(input: {SessionId: string}): Promise<unknown>;
}

/** A {@link SessionApi} over a bare SSMClient; the command classes are loaded on first use. */
export function sessionApiFromSsmClient(client: Pick<SSMClient, 'send'>): SessionApi {
  const sdk = import('@aws-sdk/client-ssm');
  return {
    startSession: async (input) => client.send(new (await sdk).StartSessionCommand(input)),
    resumeSession: async (input) => client.send(new (await sdk).ResumeSessionCommand(input)),
    terminateSession: async (input) => client.send(new (await sdk).TerminateSessionCommand(input)),
  };
}
