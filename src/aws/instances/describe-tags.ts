// EC2 DescribeTags answers read with a fast streaming XML parser (htmlparser2 in XML mode) instead of the SDK's own
// reader, which builds a tree and then walks it twice (text nodes, then the schema): loading six contexts of 5,000
// EC2 nodes, that was the largest single CPU cost of the app. The parser's events are turned into exactly what the
// SDK would give; an answer with anything the SDK may read otherwise (CDATA, comments, attributes, an entity XML
// does not define, stray text, CR line ends) is left to the SDK's own reader.
import type {DescribeTagsCommandOutput, EC2Client, TagDescription} from '@aws-sdk/client-ec2';
import {Parser} from 'htmlparser2';
import {readDirectly} from '../direct-answers.js';

export type DescribeTagsPage = Pick<DescribeTagsCommandOutput, 'Tags' | 'NextToken'>;

/** TagDescription's members by their XML names. */
const MEMBERS: Readonly<Record<string, keyof TagDescription>> = {
  key: 'Key', resourceId: 'ResourceId', resourceType: 'ResourceType', value: 'Value',
};

const ENTITY = /&(?:#x([0-9a-fA-F]{1,6})|#(\d{1,7})|([a-zA-Z][a-zA-Z0-9]{0,30}));/g;
const NAMED: Readonly<Record<string, string>> = {amp: '&', lt: '<', gt: '>', quot: '"', apos: "'"};

/** Thrown inside the event handlers for an answer left to the SDK. */
class NotPlain extends Error {}
const notPlain = (): never => {
  throw new NotPlain();
};

/**
 * Entities decoded as the SDK decodes them (numeric ones by UTF-16 code unit, which a general decoder would not do
 * past U+FFFF): the parser leaves the text as written. An entity XML does not define is not plain.
 */
function decode(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY, (_m, hex: string | undefined, dec: string | undefined, named: string) => {
    if (hex) return String.fromCharCode(parseInt(hex, 16));
    if (dec) return String.fromCharCode(parseInt(dec, 10));
    return Object.hasOwn(NAMED, named) ? NAMED[named] as string : notPlain();
  });
}

/** An element's text as the SDK gives it: entities decoded, blank text spanning lines empty. */
function textValue(raw: string): string {
  const t = decode(raw);
  const first = t.charCodeAt(0);
  if (first > 0x20 && first < 0x7f) return t;
  return t.trim() === '' && t.includes('\n') ? '' : t;
}

/** Text between elements, which the SDK drops only when it is blank and spans lines. */
const between = (t: string): void => {
  if (t !== '' && (t.trim() !== '' || !t.includes('\n'))) notPlain();
};

/**
 * What the SDK's DescribeTags deserializer gives for this answer text (without $metadata), or undefined when the
 * text is not of the plain shape read here.
 */
export function parseDescribeTags(xml: string): DescribeTagsPage | undefined {
  // CR: the SDK's reader has line ends of its own to keep.
  if (xml.includes('\r')) return undefined;
  const out: DescribeTagsPage = {};
  const seen = new Set<string>();
  /** Open elements, outermost first. */
  const path: string[] = [];
  let text = '';
  let tag: TagDescription | undefined;
  let started = false;
  let ended = false;
  const parser = new Parser({
    onprocessinginstruction: (name) => {
      if (started || name !== '?xml') notPlain();
    },
    onopentag: (name, attribs) => {
      const depth = path.length;
      const attributes = Object.keys(attribs);
      if (depth === 0) {
        if (started || name !== 'DescribeTagsResponse' || attributes.some((a) => a !== 'xmlns')) notPlain();
        started = true;
      } else {
        if (attributes.length > 0) notPlain();
        between(text);
        if (depth === 1) {
          if (seen.has(name)) notPlain();
          seen.add(name);
          if (name === 'tagSet') out.Tags = [];
        } else if (depth === 2 && path[1] === 'tagSet' && name === 'item') {
          tag = {};
        } else if (depth !== 3 || tag === undefined) {
          notPlain(); // elements inside a text-only element
        }
      }
      path.push(name);
      text = '';
    },
    ontext: (t) => {
      if (path.length === 0) between(t);
      else text += t;
    },
    onclosetag: (name) => {
      path.pop();
      const depth = path.length;
      if (depth === 0) {
        between(text);
        ended = true;
      } else if (depth === 1 && name === 'tagSet') {
        between(text);
      } else if (depth === 1) {
        if (name === 'nextToken') out.NextToken = textValue(text);
      } else if (depth === 2 && tag !== undefined) {
        between(text);
        out.Tags?.push(tag);
        tag = undefined;
      } else if (depth === 3 && tag !== undefined) {
        const member = MEMBERS[name];
        // An element TagDescription does not have: the SDK reads past it too.
        if (member !== undefined) {
          if (tag[member] !== undefined) notPlain();
          (tag as Record<string, string>)[member] = textValue(text);
        }
      }
      text = '';
    },
    oncomment: notPlain,
    oncdatastart: notPlain,
    onerror: notPlain,
  }, {xmlMode: true, decodeEntities: false});
  try {
    parser.end(xml);
  } catch (e) {
    if (e instanceof NotPlain) return undefined;
    throw e;
  }
  return ended ? out : undefined;
}

/** Reads the client's successful DescribeTags answers with parseDescribeTags. */
export function readDescribeTagsDirectly(client: EC2Client): void {
  readDirectly(client, 'DescribeTags', parseDescribeTags);
}
