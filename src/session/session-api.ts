/** The SSM session operations (Start, Resume, Terminate) as an injectable interface; aws/sessions/start-session/start-session.ts implements it. */

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
