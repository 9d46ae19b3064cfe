// Run Command calls, in domain terms. Polling uses ListCommandInvocations (50 a page, with plugin output up to
// 2,500 characters), never one GetCommandInvocation per instance; full output is fetched only on demand.
import {
  ListCommandsCommand, ListDocumentsCommand,
  CancelCommandCommand, GetCommandInvocationCommand, GetDocumentCommand, ListCommandInvocationsCommand,
  SendCommandCommand, type Command, type CommandInvocation,
} from '@aws-sdk/client-ssm';
import {classifyAwsError, describeAwsError} from '../errors.js';
import type {AwsClients} from '../clients.js';
import {parseDocumentSchema} from '../../fleet/run-command/document-params.js';
import {sanitizeMultiline, sanitizeText} from '../../fleet/sanitize.js';
import {
  LIST_OUTPUT_LIMIT, STDERR_LIMIT, STDOUT_LIMIT, type CommandSummary, type DocumentInfo, type Invocation,
  type RunCommandApi, type SendRequest,
} from '../../fleet/run-command/port.js';

/** How far back a lost SendCommand is looked for: the endpoint's clock may be behind ours. */
const CLOCK_SKEW_MS = 5 * 60_000;

const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined) =>
  JSON.stringify([...(a ?? [])].sort()) === JSON.stringify([...(b ?? [])].sort());

function sameRequest(req: SendRequest, c: Command): boolean {
  if (c.DocumentName !== req.documentName || (c.Comment ?? '') !== (req.comment ?? '')) return false;
  if (req.documentVersion && c.DocumentVersion !== req.documentVersion) return false;
  if (!sameList(c.InstanceIds, req.instanceIds)) return false;
  const targets = (t: readonly {Key?: string; Values?: string[]}[] | undefined) =>
    (t ?? []).map((x) => `${x.Key ?? ''}=${[...(x.Values ?? [])].sort().join(',')}`);
  if (!sameList(targets(c.Targets), targets(req.targets))) return false;
  // SSM may echo defaults for parameters that were not sent: compare the ones that were.
  return Object.entries(req.parameters).every(([k, v]) => JSON.stringify(c.Parameters?.[k] ?? []) === JSON.stringify(v));
}

function toInvocation(inv: CommandInvocation): Invocation {
  const plugin = inv.CommandPlugins?.[0];
  const raw = plugin?.Output ?? '';
  return {
    commandId: inv.CommandId ?? '',
    instanceId: sanitizeText(inv.InstanceId ?? ''),
    statusDetails: sanitizeText(inv.StatusDetails ?? inv.Status ?? ''),
    responseCode: plugin?.ResponseCode ?? -1,
    output: sanitizeMultiline(raw),
    outputTruncated: raw.length >= LIST_OUTPUT_LIMIT,
    ...(plugin?.ResponseStartDateTime ? {startedAt: plugin.ResponseStartDateTime.getTime()} : {}),
    ...(plugin?.ResponseFinishDateTime ? {endedAt: plugin.ResponseFinishDateTime.getTime()} : {}),
  };
}

export function runCommandApi(aws: AwsClients): RunCommandApi {
  async function listCommands(commandId: string | undefined, limit: number): Promise<CommandSummary[]> {
    const out: CommandSummary[] = [];
    let token: string | undefined;
    do {
      const res = await aws.ssm.send(new ListCommandsCommand({MaxResults: 50, ...(commandId ? {CommandId: commandId} : {}),
        ...(token ? {NextToken: token} : {})}));
      for (const c of res.Commands ?? []) {
        out.push({
          commandId: c.CommandId ?? '',
          documentName: sanitizeText(c.DocumentName ?? ''),
          ...(c.RequestedDateTime ? {requestedAt: c.RequestedDateTime.getTime()} : {}),
          status: sanitizeText(c.Status ?? ''),
          statusDetails: sanitizeText(c.StatusDetails ?? ''),
          targetCount: c.TargetCount ?? 0,
          completedCount: c.CompletedCount ?? 0,
          errorCount: c.ErrorCount ?? 0,
          comment: sanitizeText(c.Comment ?? ''),
          instanceIds: (c.InstanceIds ?? []).map(sanitizeText),
          targets: sanitizeText(c.InstanceIds?.length ? `${c.InstanceIds.length} ids`
            : (c.Targets ?? []).map((t) => `${t.Key}=${(t.Values ?? []).join(',')}`).join(' ')),
          parameters: c.Parameters ?? {},
          maxConcurrency: c.MaxConcurrency ?? '50',
          maxErrors: c.MaxErrors ?? '0',
        });
      }
      token = res.NextToken || undefined;
    } while (token && out.length < limit);
    return out.sort((a, b) => (b.requestedAt ?? 0) - (a.requestedAt ?? 0));
  }

  return {
    async findCommand(req, since, known) {
      const after = new Date(since - CLOCK_SKEW_MS).toISOString();
      let token: string | undefined;
      let pages = 0;
      do {
        const res = await aws.ssm.send(new ListCommandsCommand({MaxResults: 50, ...(token ? {NextToken: token} : {}),
          Filters: [{key: 'InvokedAfter', value: after}, {key: 'DocumentName', value: req.documentName}]}));
        const hit = (res.Commands ?? []).find((c) => !known.has(c.CommandId ?? '') && sameRequest(req, c));
        if (hit?.CommandId) return {commandId: hit.CommandId, targetCount: hit.TargetCount ?? 0};
        token = res.NextToken || undefined;
      } while (token && ++pages < 20);
      return undefined;
    },
    classifyError(e) {
      const c = classifyAwsError(e);
      return c === 'auth' ? 'fatal' : c;
    },
    describeError: (e) => sanitizeText(describeAwsError(e)),
    async documentSchema(name, version) {
      const doc = await aws.ssm.send(new GetDocumentCommand({Name: name, DocumentFormat: 'JSON', ...(version ? {DocumentVersion: version} : {})}));
      return parseDocumentSchema(doc.Content ?? '{}');
    },
    async listDocuments() {
      const out: DocumentInfo[] = [];
      let token: string | undefined;
      do {
        const res = await aws.ssm.send(new ListDocumentsCommand({Filters: [{Key: 'DocumentType', Values: ['Command']}],
          MaxResults: 50, ...(token ? {NextToken: token} : {})}));
        for (const d of res.DocumentIdentifiers ?? []) {
          out.push({name: sanitizeText(d.Name ?? ''), platformTypes: (d.PlatformTypes ?? []).map(String),
            owner: sanitizeText(d.Owner ?? '')});
        }
        token = res.NextToken || undefined;
      } while (token && out.length < 2_000);
      return out;
    },
    async send(req) {
      const res = await aws.ssmSingleAttempt.send(new SendCommandCommand({
        DocumentName: req.documentName,
        ...(req.documentVersion ? {DocumentVersion: req.documentVersion} : {}),
        Parameters: req.parameters,
        ...(req.instanceIds ? {InstanceIds: req.instanceIds} : {}),
        ...(req.targets ? {Targets: req.targets} : {}),
        MaxConcurrency: req.maxConcurrency,
        MaxErrors: req.maxErrors,
        ...(req.timeoutSeconds !== undefined ? {TimeoutSeconds: req.timeoutSeconds} : {}),
        ...(req.comment ? {Comment: req.comment} : {}),
      }));
      return {commandId: res.Command?.CommandId ?? '', targetCount: res.Command?.TargetCount ?? 0};
    },
    async invocations(commandId) {
      const out: Invocation[] = [];
      let token: string | undefined;
      do {
        const res = await aws.ssm.send(new ListCommandInvocationsCommand({
          CommandId: commandId, Details: true, MaxResults: 50, ...(token ? {NextToken: token} : {}),
        }));
        for (const inv of res.CommandInvocations ?? []) out.push(toInvocation(inv));
        token = res.NextToken || undefined;
      } while (token);
      return out;
    },
    async cancel(commandId, instanceIds) {
      await aws.ssm.send(new CancelCommandCommand({CommandId: commandId, ...(instanceIds ? {InstanceIds: instanceIds} : {})}));
    },
    async getCommand(commandId) {
      return (await listCommands(commandId, 1))[0];
    },
    listCommands: (limit = 500) => listCommands(undefined, limit),
    async fullOutput(commandId, instanceId) {
      const r = await aws.ssm.send(new GetCommandInvocationCommand({CommandId: commandId, InstanceId: instanceId}));
      const stdout = r.StandardOutputContent ?? '';
      const stderr = r.StandardErrorContent ?? '';
      return {
        stdout: sanitizeMultiline(stdout), stderr: sanitizeMultiline(stderr),
        stdoutTruncated: stdout.length >= STDOUT_LIMIT, stderrTruncated: stderr.length >= STDERR_LIMIT,
        responseCode: r.ResponseCode ?? -1,
        raw: {stdout, stderr},
      };
    },
  };
}
