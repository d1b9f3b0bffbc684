/**
 * Matching semantics of JsonFilterPattern beyond the AWS examples: precedence, missing fields, nulls,
 * objects / arrays, wildcards, numbers, regex, booleans, selectors and the JSON entry point.
 */
import { JsonFilterPattern } from '../../lib/filter-pattern';

const matches = (pattern: string, event: any) => JsonFilterPattern.parse(pattern).matches(event);

describe('precedence: () > && > ||', () => {
  // a, b, c are each true when the field is 1.
  const ev = (a: number, b: number, c: number) => ({ a, b, c });
  const all: Array<[number, number, number]> = [];
  for (const a of [0, 1]) for (const b of [0, 1]) for (const c of [0, 1]) all.push([a, b, c]);

  test.each(all)('a=%d b=%d c=%d', (a, b, c) => {
    const A = a === 1; const B = b === 1; const C = c === 1;
    const e = ev(a, b, c);
    expect(matches('{ $.a = 1 || $.b = 1 && $.c = 1 }', e)).toBe(A || (B && C));
    expect(matches('{ $.a = 1 && $.b = 1 || $.c = 1 }', e)).toBe((A && B) || C);
    expect(matches('{ ($.a = 1 || $.b = 1) && $.c = 1 }', e)).toBe((A || B) && C);
    expect(matches('{ $.a = 1 && ($.b = 1 || $.c = 1) }', e)).toBe(A && (B || C));
    expect(matches('{ ((($.a = 1))) }', e)).toBe(A);
    expect(matches('{ $.a = 1 && $.b = 1 && $.c = 1 }', e)).toBe(A && B && C);
    expect(matches('{ $.a = 1 || $.b = 1 || $.c = 1 }', e)).toBe(A || B || C);
  });
});

describe('missing fields, null, objects and arrays', () => {
  const event = { s: 'x', n: 5, nul: null, obj: { k: 'x' }, arr: ['x', 1], empty: [], t: true, f: false };

  test('a missing field matches no comparison, not even "!="', () => {
    for (const p of ['{ $.missing = "x" }', '{ $.missing != "x" }', '{ $.missing = * }', '{ $.missing != 1 }',
      '{ $.missing < 1 }', '{ $.missing >= 1 }', '{ $.missing = %x% }', '{ $.missing != %x% }', '{ $.s.deeper != "y" }']) {
      expect(matches(p, event)).toBe(false);
    }
    expect(matches('{ $.missing NOT EXISTS }', event)).toBe(true);
    expect(matches('{ $.s.deeper NOT EXISTS }', event)).toBe(true);
    expect(matches('{ $.missing IS NULL }', event)).toBe(false);
    expect(matches('{ $.missing IS TRUE }', event)).toBe(false);
  });

  test('a null field exists, IS NULL, and matches no comparison', () => {
    for (const p of ['{ $.nul = "x" }', '{ $.nul != "x" }', '{ $.nul = * }', '{ $.nul = null }', '{ $.nul != 1 }', '{ $.nul > 1 }']) {
      expect(matches(p, event)).toBe(false);
    }
    expect(matches('{ $.nul IS NULL }', event)).toBe(true);
    expect(matches('{ $.nul NOT EXISTS }', event)).toBe(false);
    expect(matches('{ $.nul.k NOT EXISTS }', event)).toBe(true);
  });

  test('an object or array value matches no comparison ("If a property selector points to an array or object, the filter pattern won\'t match")', () => {
    for (const p of ['{ $.obj = * }', '{ $.obj != "x" }', '{ $.arr = * }', '{ $.arr != "y" }', '{ $.arr = "x" }', '{ $.empty != 1 }',
      '{ $.obj = %.*% }', '{ $.arr > 0 }']) {
      expect(matches(p, event)).toBe(false);
    }
    expect(matches('{ $.obj NOT EXISTS }', event)).toBe(false);
    expect(matches('{ $.obj IS NULL }', event)).toBe(false);
    expect(matches('{ $.obj.k = "x" }', event)).toBe(true);
    expect(matches('{ $.arr[1] = 1 }', event)).toBe(true);
  });

  test('array indexes out of range, on objects or strings, and properties of arrays do not exist', () => {
    expect(matches('{ $.arr[2] NOT EXISTS }', event)).toBe(true);
    expect(matches('{ $.arr[2] != "z" }', event)).toBe(false);
    expect(matches('{ $.obj[0] NOT EXISTS }', event)).toBe(true);
    expect(matches('{ $.s[0] = "x" }', event)).toBe(false);
    expect(matches('{ $.arr.length = 2 }', event)).toBe(false);
    expect(matches('{ $.arr.0 = "x" }', event)).toBe(false);
  });

  test('only own properties exist (no Object.prototype members)', () => {
    expect(matches('{ $.constructor NOT EXISTS }', {})).toBe(true);
    expect(matches('{ $.toString = * }', {})).toBe(false);
    expect(matches('{ $.s.length = 1 }', { s: 'x' })).toBe(false);
    expect(JsonFilterPattern.parse('{ $.__proto__ = 1 }').matchesJson('{"__proto__": 1}')).toBe(true);
  });

  test('a property set to undefined does not exist (as after a JSON round trip)', () => {
    expect(matches('{ $.u NOT EXISTS }', { u: undefined })).toBe(true);
    expect(matches('{ $.u[0] NOT EXISTS }', { u: [undefined] })).toBe(true);
  });
});

describe('booleans', () => {
  test('IS TRUE / IS FALSE match only JSON booleans', () => {
    expect(matches('{ $.flag IS TRUE }', { flag: true })).toBe(true);
    expect(matches('{ $.flag IS TRUE }', { flag: 'true' })).toBe(false);
    expect(matches('{ $.flag IS TRUE }', { flag: 1 })).toBe(false);
    expect(matches('{ $.flag IS FALSE }', { flag: false })).toBe(true);
    expect(matches('{ $.flag IS FALSE }', { flag: 0 })).toBe(false);
    expect(matches('{ $.flag IS FALSE }', { flag: null })).toBe(false);
    expect(matches('{ $.flag IS FALSE }', {})).toBe(false);
  });

  test('string comparisons do not match booleans (use IS TRUE / IS FALSE)', () => {
    expect(matches('{ $.flag = true }', { flag: true })).toBe(false);
    expect(matches('{ $.flag = "true" }', { flag: true })).toBe(false);
    expect(matches('{ $.flag != "false" }', { flag: true })).toBe(false);
    expect(matches('{ $.flag = * }', { flag: true })).toBe(false);
    expect(matches('{ $.flag = true }', { flag: 'true' })).toBe(true);
  });
});

describe('string values and "*" wildcards', () => {
  test('quoted and unquoted values are the same', () => {
    expect(matches('{ $.e = CreateTrail }', { e: 'CreateTrail' })).toBe(true);
    expect(matches('{ $.e = "CreateTrail" }', { e: 'CreateTrail' })).toBe(true);
    expect(matches('{ $.e = CreateTrail }', { e: 'CreateTrails' })).toBe(false);
    expect(matches('{ $.e = us-east-1 }', { e: 'us-east-1' })).toBe(true);
    expect(matches('{ $.e = a_b.c-d }', { e: 'a_b.c-d' })).toBe(true);
  });

  test('matching is case sensitive and exact (no trimming)', () => {
    expect(matches('{ $.e = "ConsoleLogin" }', { e: 'consolelogin' })).toBe(false);
    expect(matches('{ $.e = "ConsoleLogin" }', { e: 'ConsoleLogin ' })).toBe(false);
    expect(matches('{ $.E = "ConsoleLogin" }', { e: 'ConsoleLogin' })).toBe(false);
    expect(matches('{ $.e = "Console Login" }', { e: 'Console Login' })).toBe(true);
  });

  test('prefix, suffix, contains and match-anything wildcards', () => {
    expect(matches('{ $.e = "Access*" }', { e: 'AccessDenied' })).toBe(true);
    expect(matches('{ $.e = "Access*" }', { e: 'Access' })).toBe(true);
    expect(matches('{ $.e = "Access*" }', { e: 'NoAccess' })).toBe(false);
    expect(matches('{ $.e = "*Denied" }', { e: 'AccessDenied' })).toBe(true);
    expect(matches('{ $.e = "*Denied" }', { e: 'DeniedAccess' })).toBe(false);
    expect(matches('{ $.e = "*ss*" }', { e: 'AccessDenied' })).toBe(true);
    expect(matches('{ $.e = "*xx*" }', { e: 'AccessDenied' })).toBe(false);
    expect(matches('{ $.e = * }', { e: '' })).toBe(true);
    expect(matches('{ $.e = "**" }', { e: 'anything' })).toBe(true);
    expect(matches('{ $.e = * }', { e: 0 })).toBe(true);
  });

  test('a "*" inside the value is a literal asterisk', () => {
    expect(matches('{ $.e = "a*c" }', { e: 'abc' })).toBe(false);
    expect(matches('{ $.e = "a*c" }', { e: 'a*c' })).toBe(true);
    expect(matches('{ $.e = "*a*c*" }', { e: 'xa*cx' })).toBe(true);
    expect(matches('{ $.e = "*a*c*" }', { e: 'xabcx' })).toBe(false);
  });

  test('"!=" with wildcards is the negation of "=" on string and number values', () => {
    expect(matches('{ $.e != "Access*" }', { e: 'AccessDenied' })).toBe(false);
    expect(matches('{ $.e != "Access*" }', { e: 'Throttling' })).toBe(true);
    expect(matches('{ $.e != * }', { e: 'x' })).toBe(false);
    expect(matches('{ $.e != "4*" }', { e: 500 })).toBe(true);
  });

  test('escaped quotes and backslashes in quoted strings; other characters are literal', () => {
    expect(matches('{ $.e = "say \\"hi\\"" }', { e: 'say "hi"' })).toBe(true);
    expect(matches('{ $.e = "C:\\\\temp" }', { e: 'C:\\temp' })).toBe(true);
    expect(matches('{ $.e = "a\\nb" }', { e: 'a\\nb' })).toBe(true);
    expect(matches('{ $.e = "arn:aws:iam::*" }', { e: 'arn:aws:iam::111122223333:root' })).toBe(true);
    expect(matches('{ $.e = "" }', { e: '' })).toBe(true);
    expect(matches('{ $.e = "" }', { e: 'x' })).toBe(false);
    expect(matches('{ $.e = "&& || ( ) { }" }', { e: '&& || ( ) { }' })).toBe(true);
  });

  test('text values match numbers by their text', () => {
    expect(matches('{ $.code = "404" }', { code: 404 })).toBe(true);
    expect(matches('{ $.code = 4* }', { code: 404 })).toBe(true);
    expect(matches('{ $.code = 4* }', { code: 504 })).toBe(false);
    expect(matches('{ $.code = "4.0" }', { code: 4 })).toBe(false);
  });
});

describe('numbers', () => {
  test('integers, decimals, signs and exponents compare numerically with JSON numbers', () => {
    expect(matches('{ $.n = -3 }', { n: -3 })).toBe(true);
    expect(matches('{ $.n > -3 }', { n: -2.5 })).toBe(true);
    expect(matches('{ $.n > -3 }', { n: -3.5 })).toBe(false);
    expect(matches('{ $.n = 2.50 }', { n: 2.5 })).toBe(true);
    expect(matches('{ $.n = 1E3 }', { n: 1000 })).toBe(true);
    expect(matches('{ $.n = 1.5e-2 }', { n: 0.015 })).toBe(true);
    expect(matches('{ $.n = +7 }', { n: 7 })).toBe(true);
    expect(matches('{ $.n != 7 }', { n: 7.0001 })).toBe(true);
    expect(matches('{ $.n <= 0 }', { n: -0 })).toBe(true);
    expect(matches('{$.n>=10&&$.n<20}', { n: 15 })).toBe(true);
    expect(matches('{$.n>=10&&$.n<20}', { n: 20 })).toBe(false);
  });

  test('strings that are wholly numbers compare numerically; other strings never order', () => {
    expect(matches('{ $.n > 75 }', { n: '76' })).toBe(true);
    expect(matches('{ $.n > 75 }', { n: '75' })).toBe(false);
    expect(matches('{ $.n > 75 }', { n: '76ms' })).toBe(false);
    expect(matches('{ $.n < 75 }', { n: 'abc' })).toBe(false);
    expect(matches('{ $.n >= 75 }', { n: '' })).toBe(false);
    expect(matches('{ $.n = 400 }', { n: '400' })).toBe(true);
    expect(matches('{ $.n = 400 }', { n: '4e2' })).toBe(true);
    expect(matches('{ $.n = 400 }', { n: '0400' })).toBe(true);
    expect(matches('{ $.n = 400 }', { n: '400 ' })).toBe(false);
    expect(matches('{ $.n != 400 }', { n: 'abc' })).toBe(true);
    expect(matches('{ $.n != 400 }', { n: '400' })).toBe(false);
    expect(matches('{ $.accountId = 012345678901 }', { accountId: '012345678901' })).toBe(true);
  });

  test('numbers never match booleans, null, objects or arrays', () => {
    expect(matches('{ $.n = 1 }', { n: true })).toBe(false);
    expect(matches('{ $.n != 1 }', { n: false })).toBe(false);
    expect(matches('{ $.n < 1 }', { n: null })).toBe(false);
    expect(matches('{ $.n = 1 }', { n: [1] })).toBe(false);
  });
});

describe('regular expressions', () => {
  test('match anywhere in the value unless anchored, case sensitive', () => {
    expect(matches('{ $.e = %Trail% }', { e: 'UpdateTrail' })).toBe(true);
    expect(matches('{ $.e = %^Trail% }', { e: 'UpdateTrail' })).toBe(false);
    expect(matches('{ $.e = %^Update.*l$% }', { e: 'UpdateTrail' })).toBe(true);
    expect(matches('{ $.e = %trail% }', { e: 'UpdateTrail' })).toBe(false);
  });

  test('"!=" with a regex, and regexes on numbers', () => {
    expect(matches('{ $.e != %^Get% }', { e: 'PutObject' })).toBe(true);
    expect(matches('{ $.e != %^Get% }', { e: 'GetObject' })).toBe(false);
    expect(matches('{ $.e != %^Get% }', {})).toBe(false);
    expect(matches('{ $.code = %^4\\d\\d$% }', { code: 404 })).toBe(true);
    expect(matches('{ $.code = %^4\\d\\d$% }', { code: 500 })).toBe(false);
  });

  test('supported symbols and a "]" first in a class', () => {
    expect(matches('{ $.e = %^arn:aws:iam::\\d{12}:role/[a-z_#=@;,-]+$% }', { e: 'arn:aws:iam::111122223333:role/ops_admin' })).toBe(true);
    expect(matches('{ $.e = %[]x]% }', { e: 'a]' })).toBe(true);
    expect(matches('{ $.e = %[^]x]% }', { e: ']]x' })).toBe(false);
  });

  test('a "%" inside a quoted string is not a regex', () => {
    expect(matches('{ $.e = "100%" }', { e: '100%' })).toBe(true);
    expect(JsonFilterPattern.parse('{ $.e = "%a%" }').regexCount).toBe(0);
  });
});

describe('wildcard selectors', () => {
  const event = {
    users: [{ id: 2, email: 'a@x' }, { id: 3 }],
    actions: ['GET', 'PUT'],
    empty: [],
    tags: { env: 'prod', team: 'sec' },
    nested: { a: { ip: '10.0.0.1' }, b: { ip: '10.0.0.2' } },
    flags: [false, null, true],
  };

  test('[*] selects any array element, .* any object field', () => {
    expect(matches('{ $.users[*].id = 3 }', event)).toBe(true);
    expect(matches('{ $.users[*].id = 4 }', event)).toBe(false);
    expect(matches('{ $.users[*].email = "a@x" }', event)).toBe(true);
    expect(matches('{ $.tags.* = prod }', event)).toBe(true);
    expect(matches('{ $.tags.* = dev }', event)).toBe(false);
    expect(matches('{ $.nested.*.ip = "10.0.0.2" }', event)).toBe(true);
    expect(matches('{ $.tags[*] = sec }', event)).toBe(true);
    expect(matches('{ $.actions.* = PUT }', event)).toBe(true);
  });

  test('conditions hold when they hold for some selected value', () => {
    expect(matches('{ $.actions[*] != "GET" }', event)).toBe(true);
    expect(matches('{ $.actions[*] != "GET" }', { actions: ['GET', 'GET'] })).toBe(false);
    expect(matches('{ $.flags[*] IS TRUE }', event)).toBe(true);
    expect(matches('{ $.flags[*] IS NULL }', event)).toBe(true);
    expect(matches('{ $.flags[*] IS TRUE }', { flags: [false] })).toBe(false);
    expect(matches('{ $.* = "prod" }', event)).toBe(false);
  });

  test('NOT EXISTS is true when nothing is selected', () => {
    expect(matches('{ $.empty[*] NOT EXISTS }', event)).toBe(true);
    expect(matches('{ $.missing[*] NOT EXISTS }', event)).toBe(true);
    expect(matches('{ $.actions[*] NOT EXISTS }', event)).toBe(false);
    expect(matches('{ $.users[*].email NOT EXISTS }', event)).toBe(false);
    expect(matches('{ $.users[*].phone NOT EXISTS }', event)).toBe(true);
    expect(matches('{ $.empty[*] = * }', event)).toBe(false);
    expect(matches('{ $.actions[*].x = * }', event)).toBe(false);
  });

  test('a wildcard on a scalar selects nothing', () => {
    expect(matches('{ $.x[*] = 1 }', { x: 1 })).toBe(false);
    expect(matches('{ $.x.* NOT EXISTS }', { x: 'abc' })).toBe(true);
  });
});

describe('selectors', () => {
  test('nested properties, array indexes, hyphens, underscores and digits', () => {
    const event = { 'a': { 'b-c': { d_e: [[0, 1], [2, 3]] } }, '123': 'digits', 'x-amz-id': 'id' };
    expect(matches('{ $.a.b-c.d_e[1][0] = 2 }', event)).toBe(true);
    expect(matches('{ $.a.b-c.d_e[1][0] = 3 }', event)).toBe(false);
    expect(matches('{ $.123 = digits }', event)).toBe(true);
    expect(matches('{ $.x-amz-id = id }', event)).toBe(true);
  });

  test('bracket notation with single or double quotes, with or without a leading dot, nested', () => {
    const event = { 'cluster.name': 'c', 'a': { 'b.c': { d: 1 } }, 'sp ace': 's', "it's": 'q' };
    expect(matches("{ $['cluster.name'] = c }", event)).toBe(true);
    expect(matches('{ $.["cluster.name"] = c }', event)).toBe(true);
    expect(matches("{ $.a['b.c'].d = 1 }", event)).toBe(true);
    expect(matches("{ $.a.['b.c'].d = 1 }", event)).toBe(true);
    expect(matches("{ $.['sp ace'] = s }", event)).toBe(true);
    expect(matches("{ $.['it\\'s'] = q }", event)).toBe(true);
    expect(matches("{ $.['cluster.nam'] = c }", event)).toBe(false);
  });

  test('a root array is selected with $[n]', () => {
    expect(matches('{ $[1].a = 2 }', [{ a: 1 }, { a: 2 }])).toBe(true);
    expect(matches('{ $[0].a = 2 }', [{ a: 1 }, { a: 2 }])).toBe(false);
    expect(matches('{ $.a NOT EXISTS }', [{ a: 1 }])).toBe(true);
  });
});

describe('layout', () => {
  test('whitespace, tabs and newlines are insignificant outside quotes', () => {
    const event = { a: 'x', b: 2 };
    expect(matches('{$.a=x&&$.b>1}', event)).toBe(true);
    expect(matches('  {\n\t( $.a = "x" )\n\t&&\n\t( $.b   >   1 )\n}  ', event)).toBe(true);
    expect(matches('{ $.a NOT   EXISTS }', event)).toBe(false);
    expect(matches('{ $.a IS\nNULL }', { a: null })).toBe(true);
  });
});

describe('JsonFilterPattern API', () => {
  test('text is kept unchanged and the pattern is reusable', () => {
    const text = '  { $.eventName = "ConsoleLogin" }\n';
    const p = JsonFilterPattern.parse(text);
    expect(p.text).toBe(text);
    expect(p.regexCount).toBe(0);
    expect(p.matches({ eventName: 'ConsoleLogin' })).toBe(true);
    expect(p.matches({ eventName: 'Other' })).toBe(false);
    expect(p.matches({ eventName: 'ConsoleLogin' })).toBe(true);
  });

  test('matches() never matches a value that is not an object or array, even with NOT EXISTS', () => {
    const p = JsonFilterPattern.parse('{ $.a NOT EXISTS }');
    expect(p.matches({})).toBe(true);
    for (const v of [null, undefined, 'text', 42, true]) expect(p.matches(v)).toBe(false);
  });

  test('matchesJson() parses the message; invalid JSON and JSON scalars never match', () => {
    const p = JsonFilterPattern.parse('{ $.a NOT EXISTS || $.a = 1 }');
    expect(p.matchesJson('{"a": 1}')).toBe(true);
    expect(p.matchesJson('  {"b": 1}  ')).toBe(true);
    expect(p.matchesJson('{"a": 2}')).toBe(false);
    for (const s of ['', 'ERROR something failed', '{"a": 1', '{a: 1}', 'null', '42', '"text"', 'true']) {
      expect(p.matchesJson(s)).toBe(false);
    }
  });

  test('evaluates 100k CloudTrail-like events quickly (parse once, evaluate many)', () => {
    const p = JsonFilterPattern.parse('{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}');
    const events = Array.from({ length: 1000 }, (_, i) => ({
      userIdentity: { type: i % 10 === 0 ? 'Root' : 'IAMUser' }, eventType: 'AwsApiCall', eventName: `E${i}`,
    }));
    let count = 0;
    const start = Date.now();
    for (let round = 0; round < 100; round++) for (const e of events) if (p.matches(e)) count++;
    expect(count).toBe(10_000);
    expect(Date.now() - start).toBeLessThan(2000);
  });
});
