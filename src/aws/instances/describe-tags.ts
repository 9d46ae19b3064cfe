// EC2 DescribeTags answers read straight from their XML. The SDK's XML reader builds every name and text a character
// at a time and then walks the whole tree twice (text nodes, then the schema): loading six contexts of 5,000 EC2
// nodes, that was the largest single CPU cost of the app. This reader takes the answer's plain shape with indexOf
// and slices, and gives back exactly what the SDK would; anything else in the text (CDATA, comments, attributes,
// an entity it does not know, stray text) is left to the SDK's own reader.
import type {DescribeTagsCommandOutput, EC2Client, ResourceType, TagDescription} from '@aws-sdk/client-ec2';

export type DescribeTagsPage = Pick<DescribeTagsCommandOutput, 'Tags' | 'NextToken'>;

/** TagDescription's members by their XML names. */
const MEMBERS: Readonly<Record<string, keyof TagDescription>> = {
  key: 'Key', resourceId: 'ResourceId', resourceType: 'ResourceType', value: 'Value',
};

const ENTITY = /&(?:#x([0-9a-fA-F]{1,6})|#(\d{1,7})|([a-zA-Z][a-zA-Z0-9]{0,30}));/g;
const NAMED: Readonly<Record<string, string>> = {amp: '&', lt: '<', gt: '>', quot: '"', apos: "'"};
const ROOT = /^(?:<\?xml[^?]*\?>)?\s*<DescribeTagsResponse(?:\s+xmlns="[^"&<]*")?\s*>/;

/** Thrown inside the reader for a text it leaves to the SDK. */
class NotPlain extends Error {}

/** Entities decoded as the SDK decodes them (numeric ones by UTF-16 code unit); an unknown name is not plain. */
function decode(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(ENTITY, (_m, hex: string | undefined, dec: string | undefined, named: string) => {
    if (hex) return String.fromCharCode(parseInt(hex, 16));
    if (dec) return String.fromCharCode(parseInt(dec, 10));
    if (!Object.hasOwn(NAMED, named)) throw new NotPlain();
    return NAMED[named] as string;
  });
}

/** An element's text as the SDK gives it: blank text spanning lines is empty. */
function textValue(raw: string): string {
  const t = decode(raw);
  // Text that starts with a visible ASCII character is not blank: no need to trim it to know.
  const first = t.charCodeAt(0);
  if (first > 0x20 && first < 0x7f) return t;
  return t.trim() === '' && t.includes('\n') ? '' : t;
}

class Reader {
  i = 0;
  constructor(private readonly x: string) {}

  /** Text between elements: the SDK drops it only when it is blank and spans lines (or is empty). */
  between(): void {
    const end = this.x.indexOf('<', this.i);
    if (end < 0) throw new NotPlain();
    if (end > this.i) {
      const text = this.x.slice(this.i, end);
      if (text.trim() !== '' || !text.includes('\n')) throw new NotPlain();
    }
    this.i = end;
  }

  /** At `</name>`: steps over it. */
  closes(name: string): boolean {
    const x = this.x;
    if (x.charCodeAt(this.i + 1) !== 47 /* / */ || !x.startsWith(name, this.i + 2) || x.charCodeAt(this.i + 2 + name.length) !== 62) {
      return false;
    }
    this.i += name.length + 3;
    return true;
  }

  /** At `<name>` or `<name/>`: the name and whether the element is empty (self-closed), past the tag. */
  open(): {name: string; empty: boolean} {
    const x = this.x;
    const from = this.i + 1;
    let at = from;
    for (let c = x.charCodeAt(at); (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (at > from && c >= 48 && c <= 57);
      c = x.charCodeAt(++at));
    if (at === from) throw new NotPlain();
    const name = x.slice(from, at);
    if (x.charCodeAt(at) === 62 /* > */) {
      this.i = at + 1;
      return {name, empty: false};
    }
    if (x.startsWith('/>', at)) {
      this.i = at + 2;
      return {name, empty: true};
    }
    throw new NotPlain();
  }

  /** At `<name>`: steps over it. */
  opens(name: string): boolean {
    const x = this.x;
    if (!x.startsWith(name, this.i + 1) || x.charCodeAt(this.i + 1 + name.length) !== 62) return false;
    this.i += name.length + 2;
    return true;
  }

  /** The text of an element holding only text, past its end tag. */
  text(name: string): string {
    const end = this.x.indexOf('<', this.i);
    if (end < 0) throw new NotPlain();
    const raw = this.x.slice(this.i, end);
    this.i = end;
    if (!this.closes(name)) throw new NotPlain();
    return textValue(raw);
  }

  item(): TagDescription {
    let key: string | undefined;
    let resourceId: string | undefined;
    let resourceType: string | undefined;
    let value: string | undefined;
    for (;;) {
      this.between();
      if (this.closes('item')) break;
      // The four members as EC2 writes them first; any other element (or an empty one) the general way.
      if (key === undefined && this.opens('key')) key = this.text('key');
      else if (value === undefined && this.opens('value')) value = this.text('value');
      else if (resourceId === undefined && this.opens('resourceId')) resourceId = this.text('resourceId');
      else if (resourceType === undefined && this.opens('resourceType')) resourceType = this.text('resourceType');
      else {
        const {name, empty} = this.open();
        const text = empty ? '' : this.text(name);
        const member = MEMBERS[name];
        if (member === undefined) continue; // not a member of TagDescription: the SDK reads past it too
        const had = member === 'Key' ? key : member === 'Value' ? value : member === 'ResourceId' ? resourceId : resourceType;
        if (had !== undefined) throw new NotPlain();
        if (member === 'Key') key = text;
        else if (member === 'Value') value = text;
        else if (member === 'ResourceId') resourceId = text;
        else resourceType = text;
      }
    }
    if (key !== undefined && resourceId !== undefined && resourceType !== undefined && value !== undefined) {
      return {Key: key, ResourceId: resourceId, ResourceType: resourceType as ResourceType, Value: value};
    }
    const tag: TagDescription = {};
    if (key !== undefined) tag.Key = key;
    if (resourceId !== undefined) tag.ResourceId = resourceId;
    if (resourceType !== undefined) tag.ResourceType = resourceType as ResourceType;
    if (value !== undefined) tag.Value = value;
    return tag;
  }

  tagSet(): TagDescription[] {
    const tags: TagDescription[] = [];
    for (;;) {
      this.between();
      if (this.closes('tagSet')) return tags;
      if (this.opens('item')) {
        tags.push(this.item());
        continue;
      }
      const {name, empty} = this.open();
      if (name !== 'item' || !empty) throw new NotPlain();
      tags.push({});
    }
  }
}

/**
 * What the SDK's DescribeTags deserializer gives for this answer text (without $metadata), or undefined when the
 * text is not of the plain shape this reader takes.
 */
export function parseDescribeTags(xml: string): DescribeTagsPage | undefined {
  const root = ROOT.exec(xml);
  if (!root || xml.includes('\r')) return undefined;
  const r = new Reader(xml);
  r.i = root[0].length;
  const out: DescribeTagsPage = {};
  const seen = new Set<string>();
  try {
    for (;;) {
      r.between();
      if (r.closes('DescribeTagsResponse')) break;
      const {name, empty} = r.open();
      if (seen.has(name)) throw new NotPlain();
      seen.add(name);
      if (name === 'tagSet') out.Tags = empty ? [] : r.tagSet();
      else if (name === 'nextToken') out.NextToken = empty ? '' : r.text(name);
      else if (!empty) r.text(name); // requestId: not a member of the output
    }
  } catch (e) {
    if (e instanceof NotPlain) return undefined;
    throw e;
  }
  return xml.slice(r.i).trim() === '' ? out : undefined;
}

/** The client protocol's answer reader, as far as this module uses it (the SDK types it per protocol generation). */
interface AnswerReader {
  deserializeResponse(operation: {name: string}, context: {streamCollector(body: unknown): Promise<Uint8Array>},
    response: {statusCode: number; body: unknown}): Promise<object>;
}

const direct = new WeakSet<EC2Client>();

/** Whether the client reads its DescribeTags answers with parseDescribeTags. */
export function readsDescribeTagsDirectly(client: EC2Client): boolean {
  return direct.has(client);
}

/**
 * Reads the client's successful DescribeTags answers with parseDescribeTags. The SDK still does the rest (status,
 * headers, $metadata) over an emptied body, and reads an answer this reader does not take itself.
 */
export function readDescribeTagsDirectly(client: EC2Client): void {
  const protocol = client.config.protocol as unknown as AnswerReader | undefined;
  if (typeof protocol?.deserializeResponse !== 'function') return;
  const sdk = protocol.deserializeResponse.bind(protocol);
  protocol.deserializeResponse = async (operation, context, response) => {
    if (operation.name.split('#').pop() !== 'DescribeTags' || response.statusCode >= 300) {
      return sdk(operation, context, response);
    }
    const bytes = await context.streamCollector(response.body);
    const page = parseDescribeTags(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'));
    response.body = page ? new Uint8Array(0) : bytes;
    const out = await sdk(operation, context, response);
    return page ? Object.assign(out, page) : out;
  };
  direct.add(client);
}
