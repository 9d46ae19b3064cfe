import {describe, expect, it} from 'vitest';
import {cachedHaystack, compileFilter, type FilterSchema} from '../../src/fleet/filter.js';

interface Row {
  id: string;
  name: string;
  color: 'red' | 'green' | 'blue' | 'black';
  addrs: string[];
  tags: Record<string, string>;
}

const rows: Row[] = [
  {id: 'a1', name: 'web 01', color: 'red', addrs: ['10.0.0.1', '54.1.2.3'], tags: {Env: 'prod', Team: 'core'}},
  {id: 'a2', name: 'web-02', color: 'green', addrs: ['10.0.0.12'], tags: {Env: 'preprod', Owner: ''}},
  {id: 'b3', name: 'DB primary', color: 'blue', addrs: [], tags: {env: 'PROD', 'aws:cloudformation:stack': 'db'}},
  {id: 'b4', name: '', color: 'black', addrs: ['192.168.1.4'], tags: {'a=b': 'x', Note: 'two words'}},
  {id: 'c5', name: 'star*name', color: 'red', addrs: ['10.1.0.5'], tags: {}},
  {id: 'c6', name: 'CORP\\web06', color: 'green', addrs: ['10.0.0.6'], tags: {Team: 'web'}},
];

const schema: FilterSchema<Row> = {
  keys: {
    color: {
      describe: 'colour', values: ['red', 'green', 'blue', 'black'], valueAliases: {crimson: 'red'},
      valueNoun: 'a colour', get: (r) => r.color,
    },
    id: {describe: 'id', get: (r) => r.id, match: 'prefix'},
    name: {describe: 'name', aliases: ['n'], example: 'name:web*', get: (r) => r.name},
    exact: {describe: 'exact name', get: (r) => r.name, match: 'exact'},
    addr: {describe: 'addresses', get: (r) => r.addrs, match: 'prefix'},
    odd: {
      describe: 'custom: the id ends with the value', get: (r) => r.id,
      match: (r, v) => r.id.toLowerCase().endsWith(v.text.toLowerCase()),
    },
  },
  text: cachedHaystack((r) => [r.id, r.name, r.color, ...r.addrs, ...Object.values(r.tags)]),
  tags: (r) => r.tags,
};

function ids(filter: string): string[] {
  const f = compileFilter(filter, schema);
  if (!f.ok) throw new Error(`${f.error} at ${f.position}`);
  return rows.filter(f.predicate).map((r) => r.id);
}

describe('compileFilter: matching', () => {
  it.each<[string, string[]]>([
    ['', ['a1', 'a2', 'b3', 'b4', 'c5', 'c6']],
    ['   \t ', ['a1', 'a2', 'b3', 'b4', 'c5', 'c6']],
    // free text: case-insensitive substring over id, name, colour, addresses and tag values
    ['web', ['a1', 'a2', 'c6']],
    ['WEB', ['a1', 'a2', 'c6']],
    ['prod', ['a1', 'a2', 'b3']],
    ['web prod', ['a1', 'a2']],
    ['"web 01"', ['a1']],
    ['"two words"', ['b4']],
    ['54.1', ['a1']],
    ['w*1', ['a1']],
    ['*', ['a1', 'a2', 'b3', 'b4', 'c5', 'c6']],
    ['"star\\*"', ['c5']],
    ['"web\\*"', []], // an escaped star is literal: no row contains "web*"
    ['"web*"', ['a1', 'a2', 'c6']], // a quoted unescaped star still globs
    ['CORP\\web', ['c6']],
    ['"a:b"', []],
    ['"color:red"', []],
    // negation
    ['!web', ['b3', 'b4', 'c5']],
    ['!color:red', ['a2', 'b3', 'b4', 'c6']],
    ['!"web 01"', ['a2', 'b3', 'b4', 'c5', 'c6']],
    ['"!web"', []],
    // enums: exact, case-insensitive, prefix, alias, glob
    ['color:red', ['a1', 'c5']],
    ['COLOR:RED', ['a1', 'c5']],
    ['color:gr', ['a2', 'c6']],
    ['color:crimson', ['a1', 'c5']],
    ['color:bl*', ['b3', 'b4']],
    ['color:re', ['a1', 'c5']],
    // substring (default), prefix, exact, globs are anchored
    ['name:web', ['a1', 'a2', 'c6']],
    ['n:web', ['a1', 'a2', 'c6']],
    ['name:"web 01"', ['a1']],
    ['name:"WEB 0"*', ['a1']],
    ['name:web*', ['a1', 'a2']],
    ['name:*01', ['a1']],
    ['name:primary', ['b3']],
    ['name:""', ['b4']],
    ['!name:""', ['a1', 'a2', 'b3', 'c5', 'c6']],
    ['name:"star\\*name"', ['c5']],
    ['name:"star*"', ['c5']],
    ['name:"web\\*"', []],
    ['exact:web', []],
    ['exact:"web 01"', ['a1']],
    ['id:a', ['a1', 'a2']],
    ['id:1', []],
    ['id:*1', ['a1']],
    // multi-valued fields match when any value matches
    ['addr:10.0.', ['a1', 'a2', 'c6']],
    ['addr:54.', ['a1']],
    ['addr:*.12', ['a2']],
    ['addr:""', ['b3']],
    // custom matcher
    ['odd:3', ['b3']],
    // tags
    ['tag:Env=prod', ['a1', 'b3']],
    ['tag:env=PROD', ['a1', 'b3']],
    ['tag:Env=*prod', ['a1', 'a2', 'b3']],
    ['tag:Env', ['a1', 'a2', 'b3']],
    ['tag:Owner', ['a2']],
    ['tag:Owner=', ['a2']],
    ['tag:Owner=""', ['a2']],
    ['tag:Env=', []],
    ['!tag:Env', ['b4', 'c5', 'c6']],
    ['tag:aws:cloudformation:stack=db', ['b3']],
    ['tag:aws:*', ['b3']],
    ['tag:"a=b"=x', ['b4']],
    ['tag:Note="two words"', ['b4']],
    ['tag:Team=core color:red', ['a1']],
    // the run form's target syntax: a comma means any of these values; tag-key: the key exists
    ['tag:Env=prod,preprod', ['a1', 'a2', 'b3']],
    ['tag:Env=preprod,nothing', ['a2']],
    ['tag:Note="two words",x', ['b4']],
    ['tag:"a=b"="x,y"', []], // a quoted comma is text
    ['tag-key:Team', ['a1', 'c6']],
    ['tag-key:owner,note', ['a2', 'b4']],
    ['!tag-key:Env', ['b4', 'c5', 'c6']],
    ['tag-key:aws:*', ['b3']],
    // quoted, the characters that are not wildcards are text
    ['"web?"', []],
    ['"[web"', []],
  ])('%j', (filter, expected) => {
    expect(ids(filter)).toEqual(expected);
  });
});

describe('compileFilter: errors say what is wrong and what is valid', () => {
  it.each<[string, string, number]>([
    ['foo:bar', 'unknown filter key "foo" — use one of: tag, tag-key, color, id, name, exact, addr, odd', 0],
    ['web !Foo:1', 'unknown filter key "Foo" — use one of: tag, tag-key, color, id, name, exact, addr, odd', 5],
    ['color:bogus', 'color: "bogus" is not a colour — use red, green, blue, black', 6],
    ['color:b', 'color: "b" could be blue or black — type more of it', 6],
    ['color:z*', 'color: "z*" is not a colour — use red, green, blue, black', 6],
    ['color:', 'color: needs a value — use red, green, blue, black', 6],
    ['color:""', 'color: needs a value — use red, green, blue, black', 6],
    ['name:', 'name: needs a value, e.g. name:web*', 5],
    ['id:', 'id: needs a value', 3],
    ['"web', 'unclosed quote — add the closing "', 0],
    ['name:"web 01', 'unclosed quote — add the closing "', 5],
    ['"web\\"', 'unclosed quote — add the closing "', 0],
    ['tag:', 'tag: needs a key, e.g. tag:Env=prod', 4],
    ['tag:=prod', 'tag: needs a key, e.g. tag:Env=prod', 4],
    ['!', '! needs a term after it, e.g. !ping:online', 0],
    ['web ! db', '! needs a term after it, e.g. !ping:online', 4],
    ['web?', '"?" is not a wildcard — only * is a wildcard (quote it to match it as text: "?")', 3],
    ['name:web[0-9]', '"[" is not a wildcard — only * is a wildcard (quote it to match it as text: "[")', 8],
    ['tag:Env={prod,dev}', '"{" is not a wildcard — only * is a wildcard (quote it to match it as text: "{")', 8],
    ['tag:Env=prod,,dev', 'tag: an empty value between commas, e.g. tag:Env=prod,staging', 13],
    ['tag:Env=prod,', 'tag: an empty value between commas, e.g. tag:Env=prod,staging', 13],
    ['tag-key:', 'tag-key: needs a key, e.g. tag-key:Team', 8],
  ])('%j', (filter, error, position) => {
    expect(compileFilter(filter, schema)).toEqual({ok: false, error, position});
  });

  it('lists tag among the keys only when the schema has tags', () => {
    const noTags: FilterSchema<Row> = {keys: {id: schema.keys.id!}, text: schema.text};
    expect(compileFilter('tag:Env=prod', noTags)).toMatchObject({ok: false, error: 'unknown filter key "tag" — use one of: id'});
  });
});

describe('compileFilter: terms', () => {
  it('describes each term with its span', () => {
    const f = compileFilter('web !color:red tag:Env=prod tag:Owner', schema);
    expect(f.ok && f.terms).toEqual([
      {kind: 'text', negated: false, value: 'web', start: 0, end: 3},
      {kind: 'key', negated: true, key: 'color', value: 'red', start: 4, end: 14},
      {kind: 'tag', negated: false, tagKey: 'Env', tagValue: 'prod', start: 15, end: 27},
      {kind: 'tag', negated: false, tagKey: 'Owner', start: 28, end: 37},
    ]);
  });

  it('names the canonical key when an alias was typed', () => {
    const f = compileFilter('n:web', schema);
    expect(f.ok && f.terms[0]).toMatchObject({kind: 'key', key: 'name', value: 'web'});
  });
});

describe('cachedHaystack', () => {
  it('computes the lowercase haystack once per row object', () => {
    let calls = 0;
    const hay = cachedHaystack<{a: string; b?: string}>((r) => {
      calls++;
      return [r.a, r.b];
    });
    const row = {a: 'Web', b: 'PROD'};
    expect(hay(row)).toBe('web\nprod');
    expect(hay(row)).toBe('web\nprod');
    expect(calls).toBe(1);
    expect(hay({a: 'X'})).toBe('x');
    expect(calls).toBe(2);
  });

  it('keeps a glob in free text inside one field', () => {
    // 'web' is in the name, '01'-like text only in another field: a '*' must not bridge them
    const f = compileFilter('db*prod', schema);
    expect(f.ok && rows.filter(f.predicate).map((r) => r.id)).toEqual([]);
  });
});

describe('compileFilter at scale', () => {
  it('filters 50,000 rows correctly', () => {
    const colors = ['red', 'green', 'blue', 'black'] as const;
    const many: Row[] = Array.from({length: 50_000}, (_, i) => ({
      id: `r${i}`,
      name: `web-${String(i).padStart(5, '0')}`,
      color: colors[i % 4] ?? 'red',
      addrs: [`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`],
      tags: {Env: i % 3 === 0 ? 'prod' : 'dev', Shard: String(i % 10)},
    }));
    const f = compileFilter('!color:red web-0* tag:Env=prod tag:Shard=7 addr:10.0.', schema);
    if (!f.ok) throw new Error(f.error);
    const got = many.filter(f.predicate).map((r) => r.id);
    const want = many.filter((r, i) =>
      r.color !== 'red' && i < 10_000 && i % 3 === 0 && i % 10 === 7 && i < 65_536).map((r) => r.id);
    expect(want.length).toBeGreaterThan(100);
    expect(got).toEqual(want);
    // a second keystroke over the same rows reuses the cached haystacks and agrees with a direct check
    const g = compileFilter('web-0123', schema);
    if (!g.ok) throw new Error(g.error);
    expect(many.filter(g.predicate).map((r) => r.id)).toEqual(
      Array.from({length: 10}, (_, k) => `r${1230 + k}`));
  });
});

describe('cachedHaystack storage', () => {
  it('leaves no visible trace on the row, and copes with frozen rows', () => {
    let calls = 0;
    const hay = cachedHaystack<{a: string}>((r) => {
      calls++;
      return [r.a];
    });
    const row = {a: 'Web'};
    const frozen = Object.freeze({a: 'DB'});
    expect([hay(row), hay(row), hay(frozen), hay(frozen)]).toEqual(['web', 'web', 'db', 'db']);
    expect(calls).toBe(2);
    expect(Object.keys(row)).toEqual(['a']);
    expect(JSON.stringify(row)).toBe('{"a":"Web"}');
    expect({...row}).toStrictEqual({a: 'Web'});
  });
});
