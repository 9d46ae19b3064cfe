// An error a local-fleet operation answers with. The wire modules render it as AWS JSON 1.1
// (`{"__type": code, "Message": …}`) or as EC2 Query XML (`<Errors><Error><Code>…`).

export class ServiceError extends Error {
  readonly code: string;
  readonly status: number;
  /** The JSON member that carries the message: most SSM shapes model `Message`, a few `message`. */
  readonly messageMember: 'Message' | 'message';
  /** Extra modeled members (JSON only), e.g. ValidationException.ReasonCode. */
  readonly extra: Readonly<Record<string, unknown>>;

  constructor(
    code: string,
    message: string,
    opts: {status?: number; messageMember?: 'Message' | 'message'; extra?: Record<string, unknown>} = {},
  ) {
    super(message);
    this.name = code;
    this.code = code;
    this.status = opts.status ?? 400;
    this.messageMember = opts.messageMember ?? 'Message';
    this.extra = opts.extra ?? {};
  }
}

/** A malformed JSON request body or a member of the wrong JSON type (Coral's SerializationException). */
export function serializationError(message: string): ServiceError {
  return new ServiceError('SerializationException', message, {messageMember: 'message'});
}
