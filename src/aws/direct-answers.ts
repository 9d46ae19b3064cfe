// Reading one operation's successful answers with the app's own reader instead of the SDK's deserializer, where the
// SDK's costs the most CPU (loading tens of thousands of nodes). The SDK still does the rest over an emptied body
// (status, headers, $metadata), reads every other operation, every error, and every answer the reader declines.
// It hooks the client protocol's `deserializeResponse` of the pinned SDK; the tests check each hooked client
// answers exactly as the SDK alone does.

/** The client protocol's answer reader, as far as this module uses it (the SDK types it per protocol generation). */
interface AnswerReader {
  deserializeResponse(operation: {name: string}, context: {streamCollector(body: unknown): Promise<Uint8Array>},
    response: {statusCode: number; body: unknown}): Promise<object>;
}

const hooked = new WeakMap<object, Set<string>>();

/** Whether `client` reads `operation`'s answers with a reader of the app's. */
export function readsDirectly(client: object, operation: string): boolean {
  return hooked.get(client)?.has(operation) === true;
}

/**
 * Reads `client`'s successful `operation` answers with `parse` (the answer's text → the output's members, or
 * undefined to leave it to the SDK). A client whose protocol has no such reader is left as it is.
 */
export function readDirectly(client: {config: {protocol?: unknown}}, operation: string, parse: (text: string) => object | undefined): void {
  const protocol = client.config.protocol as AnswerReader | undefined;
  if (typeof protocol?.deserializeResponse !== 'function') return;
  const sdk = protocol.deserializeResponse.bind(protocol);
  protocol.deserializeResponse = async (op, context, response) => {
    if (op.name.split('#').pop() !== operation || response.statusCode >= 300) return sdk(op, context, response);
    const bytes = await context.streamCollector(response.body);
    const page = parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
    response.body = page ? new Uint8Array(0) : bytes;
    const out = await sdk(op, context, response);
    return page ? Object.assign(out, page) : out;
  };
  const ops = hooked.get(client) ?? new Set<string>();
  ops.add(operation);
  hooked.set(client, ops);
}
