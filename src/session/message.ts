/**
 * The binary data-channel message (spec §3) and acknowledgements (§4). Pure: no clock, no randomness inside
 * (callers inject `now()` and `newId()`), so the TS client and the local agent emulator share it. This module is
 * the public face; the layout, field helpers, frame codec and acks live in the message-*.ts modules it re-exports.
 */
export * from './message-layout.js';
export {newMessageId, sha256} from './message-fields.js';
export {decodeMessage, encodeMessage, encodeMessageInto} from './message-codec.js';
export * from './message-ack.js';
