// An endpoint on 127.0.0.1 that gives every request the same answer text: for reading one answer with the app's
// clients and with the SDK's alone, and comparing.
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterAll, beforeAll} from 'vitest';

export interface CannedEndpoint {
  /** The URL, once the suite has started. */
  readonly url: string;
  /** What every request gets next (status 200). */
  body: string;
  readonly credentials: {accessKeyId: string; secretAccessKey: string};
}

export function useCannedEndpoint(contentType: string): CannedEndpoint {
  let server: http.Server | undefined;
  let url = '';
  const canned: CannedEndpoint = {
    get url() {
      if (!url) throw new Error('the canned endpoint is not started yet (use it inside a test)');
      return url;
    },
    body: '',
    credentials: {accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret'},
  };
  beforeAll(async () => {
    const s = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(200, {'content-type': contentType}).end(canned.body));
    });
    server = s;
    await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });
  return canned;
}
