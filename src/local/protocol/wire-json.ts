// AWS JSON 1.1 on the wire (SSM, Resource Groups Tagging API, the FleetdeckLocal control target):
// POST / with X-Amz-Target; epoch-second timestamps; errors as {"__type": Name, "Message": …}.

import type {ServerResponse} from 'node:http';
import {serializationError, type ServiceError} from './service-error.js';
import {isObject, type JsonObject} from './validation.js';

export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';

/** Epoch seconds with millisecond fraction, as SSM sends dates (e.g. 1550173814.717). */
export function epochSeconds(ms: number): number {
  return Math.round(ms) / 1000;
}

export function parseJsonBody(body: Buffer): JsonObject {
  const text = body.toString('utf8').trim();
  if (text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw serializationError('Start of structure or map found where not expected.');
  }
  if (!isObject(parsed)) throw serializationError('Start of structure or map found where not expected.');
  return parsed;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, requestId: string): void {
  const text = JSON.stringify(body ?? {});
  res.writeHead(status, {
    'Content-Type': JSON_CONTENT_TYPE,
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': requestId,
  });
  res.end(text);
}

export function sendJsonError(res: ServerResponse, err: ServiceError, requestId: string): void {
  const body: Record<string, unknown> = {__type: err.code, ...err.extra};
  if (err.message !== '') body[err.messageMember] = err.message;
  sendJson(res, err.status, body, requestId);
}
