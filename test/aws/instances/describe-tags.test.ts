// DescribeTags answers read with htmlparser2 instead of the SDK's XML reader: the same output as the SDK's for every
// answer text, the plain ones read directly and the others left to the SDK.
import http from 'node:http';
import type {AddressInfo} from 'node:net';
import {DescribeTagsCommand, EC2Client as SdkEC2Client, paginateDescribeTags, type DescribeTagsCommandOutput} from '@aws-sdk/client-ec2';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createAwsClients, type AwsClients} from '../../../src/aws/clients.js';
import {useCannedEndpoint} from '../../helpers/canned-endpoint.js';
import {parseDescribeTags} from '../../../src/aws/instances/describe-tags.js';
import {readsDirectly} from '../../../src/aws/direct-answers.js';
import {startLocalFleet, type LocalFleet} from '../../../src/local/server.js';

const XMLNS = 'xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"';
const doc = (inner: string) => `<?xml version="1.0" encoding="UTF-8"?>\n<DescribeTagsResponse ${XMLNS}>${inner}</DescribeTagsResponse>`;
const item = (id: string, key: string, value: string) =>
  `<item><resourceId>${id}</resourceId><resourceType>instance</resourceType><key>${key}</key><value>${value}</value></item>`;

/** Answers the documentation's way: indented, one element a line. */
const PRETTY = `<?xml version="1.0" encoding="UTF-8"?>
<DescribeTagsResponse ${XMLNS}>
    <requestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</requestId>
    <tagSet>
        <item>
            <resourceId>i-1234567890abcdef0</resourceId>
            <resourceType>instance</resourceType>
            <key>webserver</key>
            <value/>
        </item>
        <item>
            <resourceId>i-1234567890abcdef0</resourceId>
            <resourceType>instance</resourceType>
            <key>stack</key>
            <value>Production</value>
        </item>
    </tagSet>
    <nextToken>abc/def==</nextToken>
</DescribeTagsResponse>`;

/** Answer texts this reader takes itself. */
const PLAIN: Record<string, string> = {
  'indented, as documented': PRETTY,
  'one line, as the local fleet writes': doc(`<requestId>r</requestId><tagSet>${item('i-0a', 'Name', 'web-1')}${item('i-0b', 'Env', 'prod')}</tagSet>`),
  'entities, named and numeric': doc(`<tagSet>${item('i-0&amp;1', 'a&lt;b&gt;', '&quot;x&apos; &amp;amp; &#65;&#x42;&#x1F600;')}</tagSet>`),
  'hostile text': doc(`<tagSet>${item('i-0c', 'Name', '\u001b[2J\u0007 ok \u202e ☃ 😀')}</tagSet>`),
  'empty values and items': doc(`<tagSet>${item('i-0d', 'k', '')}<item/><item></item><item><key/></item></tagSet>`),
  'blank values: kept on one line, empty across lines': doc(`<tagSet>${item('i-0e', 'k', '   ')}${item('i-0f', 'k', '\n  ')}</tagSet>`),
  'no tags': doc('<requestId>r</requestId><tagSet/>'),
  'blank tag set': doc('<tagSet>\n  </tagSet>'),
  'no tag set at all': doc('<requestId>r</requestId>'),
  'the token before the tags, and empty': doc(`<nextToken></nextToken><tagSet>${item('i-10', 'k', 'v')}</tagSet>`),
  'an element TagDescription does not have': doc(`<tagSet><item><resourceId>i-11</resourceId><colour>red</colour><key>k</key></item></tagSet>`),
  'a space before a tag\'s end': doc(`<tagSet>${item('i-26', 'k', 'v').replace('<value>', '<value >')}</tagSet>`),
  'no XML declaration': `<DescribeTagsResponse ${XMLNS}><tagSet>${item('i-12', 'k', 'v')}</tagSet></DescribeTagsResponse>`,
};

/** Answer texts left to the SDK's reader (it may read them otherwise than the plain shape suggests). */
const NOT_PLAIN: Record<string, string> = {
  'CDATA': doc(`<tagSet>${item('i-20', 'k', '<![CDATA[a<b]]>')}</tagSet>`),
  'a comment': doc(`<tagSet><!-- c -->${item('i-21', 'k', 'v')}</tagSet>`),
  'an entity that XML does not define': doc(`<tagSet>${item('i-22', 'k', 'a&nbsp;b&constructor;')}</tagSet>`),
  'attributes': doc(`<tagSet><item a="1">${item('i-23', 'k', 'v').slice(6)}</tagSet>`),
  'CR LF line ends': PRETTY.replaceAll('\n', '\r\n'),
  'blank text on one line between elements': doc(`<tagSet> ${item('i-24', 'k', 'v')}</tagSet>`),
  'text among elements': doc(`<tagSet>${item('i-25', 'k', 'v')}stray</tagSet>`),
  'a member twice (which the SDK cannot read either)': doc(`<tagSet><item><key>a</key><key>b</key></item></tagSet>`),
  'something after the answer': `${doc('<tagSet/>')}<x/>`,
};

const canned = useCannedEndpoint('text/xml;charset=UTF-8');
let aws: AwsClients;
let sdk: SdkEC2Client;

beforeAll(() => {
  const at = {region: 'us-east-1', endpoint: canned.url, credentials: canned.credentials, maxAttempts: 1};
  aws = createAwsClients({kind: 'aws', ...at});
  sdk = new SdkEC2Client(at);
});
afterAll(() => {
  aws.destroy();
  sdk.destroy();
});

const withoutMetadata = ({$metadata: _m, ...rest}: DescribeTagsCommandOutput) => rest;

/** The answer `text` as the SDK alone reads it, and as the app's EC2 client reads it (or the error reading it). */
async function bothReadings(text: string) {
  canned.body = text;
  const read = (client: SdkEC2Client) => client.send(new DescribeTagsCommand({})).then(withoutMetadata,
    (e: unknown) => ({error: e instanceof Error ? e.message : String(e)}));
  return {bySdk: await read(sdk), byApp: await read(await aws.ec2())};
}

describe('DescribeTags read directly', () => {
  it('is how the app\'s EC2 client reads them', async () => {
    expect(readsDirectly(await aws.ec2(), 'DescribeTags')).toBe(true);
    expect(readsDirectly(sdk, 'DescribeTags')).toBe(false);
  });

  it.each(Object.entries(PLAIN))('reads an answer exactly as the SDK does: %s', async (_what, text) => {
    const {bySdk, byApp} = await bothReadings(text);
    expect(parseDescribeTags(text)).toStrictEqual(bySdk);
    expect(byApp).toStrictEqual(bySdk);
  });

  it.each(Object.entries(NOT_PLAIN))('leaves an answer to the SDK\'s reader: %s', async (_what, text) => {
    expect(parseDescribeTags(text)).toBeUndefined();
    const {bySdk, byApp} = await bothReadings(text);
    expect(byApp).toStrictEqual(bySdk);
  });

  it('leaves errors to the SDK', async () => {
    canned.body = '';
    const failing = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => res.writeHead(400, {'content-type': 'text/xml'}).end(
        '<Response><Errors><Error><Code>InvalidParameterValue</Code><Message>bad &amp; wrong</Message></Error></Errors><RequestID>r</RequestID></Response>'));
    });
    await new Promise<void>((resolve) => failing.listen(0, '127.0.0.1', resolve));
    const endpoint = `http://127.0.0.1:${(failing.address() as AddressInfo).port}`;
    const app = createAwsClients({kind: 'aws', region: 'us-east-1', endpoint, credentials: {accessKeyId: 'a', secretAccessKey: 'b'}, maxAttempts: 1});
    try {
      const e = await (await app.ec2()).send(new DescribeTagsCommand({})).catch((err: unknown) => err);
      expect(e).toMatchObject({name: 'InvalidParameterValue', message: 'bad & wrong'});
    } finally {
      app.destroy();
      await new Promise((resolve) => failing.close(resolve));
    }
  });
});

describe('DescribeTags read directly from the local fleet', () => {
  let fleet: LocalFleet;
  let app: AwsClients;
  beforeAll(async () => {
    fleet = await startLocalFleet({nodes: 120, seed: 'describe-tags'});
    const [a, b] = fleet.model.ec2Nodes();
    fleet.model.setTag(a?.instanceId ?? '', 'Owner', 'R&D <ops> "team" \'x\' \u001b]52;c;AAAA\u0007');
    fleet.model.setTag(b?.instanceId ?? '', 'Note', '  two\nlines  ');
    fleet.model.setTag(b?.instanceId ?? '', 'Blank', '');
    app = createAwsClients({kind: 'local', region: fleet.region, endpoint: fleet.endpoint, credentials: fleet.credentials, maxAttempts: 1});
  });
  afterAll(async () => {
    app.destroy();
    await fleet.close();
  });

  it('gives every page as the SDK does', async () => {
    const plain = new SdkEC2Client({region: fleet.region, endpoint: fleet.endpoint, credentials: fleet.credentials, maxAttempts: 1});
    try {
      const pages = async (client: SdkEC2Client) => {
        const out: unknown[] = [];
        for await (const page of paginateDescribeTags({client, pageSize: 100}, {})) out.push(withoutMetadata(page));
        return out;
      };
      const bySdk = await pages(plain);
      expect(bySdk.length).toBeGreaterThan(1);
      expect(await pages(await app.ec2())).toStrictEqual(bySdk);
    } finally {
      plain.destroy();
    }
  });
});
