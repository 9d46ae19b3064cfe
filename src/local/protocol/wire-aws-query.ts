// The AWS Query protocol as STS speaks it (unlike EC2's dialect): form-encoded parameters in, XML out as
// <OpResponse xmlns=…><OpResult>…</OpResult><ResponseMetadata><RequestId/></ResponseMetadata></OpResponse>, errors as
// <ErrorResponse><Error><Type>Sender|Receiver</Type><Code/><Message/></Error><RequestId/></ErrorResponse>.

import type {ServerResponse} from 'node:http';
import {XMLBuilder} from 'fast-xml-parser';
import type {ServiceError} from './service-error.js';
import {sendXml, type XmlObject} from './wire-query.js';

const builder = new XMLBuilder({ignoreAttributes: false, attributeNamePrefix: '@_', suppressEmptyNode: false, processEntities: true});

export function sendQueryResult(res: ServerResponse, xmlns: string, action: string, result: XmlObject, requestId: string): void {
  const xml = builder.build({
    [`${action}Response`]: {'@_xmlns': xmlns, [`${action}Result`]: result, ResponseMetadata: {RequestId: requestId}},
  }) as string;
  sendXml(res, 200, xml, requestId);
}

export function sendQueryError(res: ServerResponse, xmlns: string, err: ServiceError, requestId: string): void {
  const xml = builder.build({
    ErrorResponse: {
      '@_xmlns': xmlns,
      Error: {Type: err.status >= 500 ? 'Receiver' : 'Sender', Code: err.code, Message: err.message},
      RequestId: requestId,
    },
  }) as string;
  sendXml(res, err.status, xml, requestId);
}
