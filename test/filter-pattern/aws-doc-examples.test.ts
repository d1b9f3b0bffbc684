/**
 * Every example of the JSON part of the AWS page "Filter pattern syntax for metric filters, subscription
 * filters, filter log events, and Live Tail" (current page, and the examples only found in its earlier
 * version), plus the regex examples of "Supported regular expressions (regex) syntax", applied to JSON
 * values.
 *
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
 */
import { JsonFilterPattern } from '../../lib/filter-pattern';

const matches = (pattern: string, event: any) => JsonFilterPattern.parse(pattern).matches(event);

/** The page's "JSON log event" (the earlier page's version adds "ThisFlag": true). */
const LOG_EVENT = {
  'eventType': 'UpdateTrail',
  'sourceIPAddress': '111.111.111.111',
  'arrayKey': ['value', 'another value'],
  'objectList': [{ name: 'a', id: 1 }, { name: 'b', id: 2 }],
  'SomeObject': null,
  'ThisFlag': true,
  'cluster.name': 'c',
};

/** The page's "JSON object" of the compound expression examples. */
const COMPOUND_EVENT = {
  user: { id: 1, email: 'John.Stiles@example.com' },
  users: [{ id: 2, email: 'John.Doe@example.com' }, { id: 3, email: 'Jane.Doe@example.com' }],
  actions: ['GET', 'PUT', 'DELETE'],
  coordinates: [[0, 1, 2], [4, 5, 6], [7, 8, 9]],
};

describe('AWS doc: examples on the JSON log event', () => {
  test('"{ $.eventType = "UpdateTrail" }" matches the string "UpdateTrail" in the property "eventType"', () => {
    expect(matches('{ $.eventType = "UpdateTrail" }', LOG_EVENT)).toBe(true);
    expect(matches('{ $.eventType = "UpdateTrail" }', { ...LOG_EVENT, eventType: 'DeleteTrail' })).toBe(false);
  });

  test('"{ $.sourceIPAddress != 123.123.* }" matches an address without the prefix "123.123."', () => {
    expect(matches('{ $.sourceIPAddress != 123.123.* }', LOG_EVENT)).toBe(true);
    expect(matches('{ $.sourceIPAddress != 123.123.* }', { ...LOG_EVENT, sourceIPAddress: '123.123.4.5' })).toBe(false);
  });

  test('"{ $.arrayKey[0] = "value" }" matches the element "value" in the array "arrayKey"', () => {
    expect(matches('{ $.arrayKey[0] = "value" }', LOG_EVENT)).toBe(true);
    expect(matches('{ $.arrayKey[1] = "value" }', LOG_EVENT)).toBe(false);
    // "If arrayKey is not an array this will be false."
    expect(matches('{ $.arrayKey[0] = "value" }', { arrayKey: 'value' })).toBe(false);
    expect(matches('{ $.arrayKey[0] = "value" }', { arrayKey: { 0: 'value' } })).toBe(false);
  });

  test('"{ $.eventType = %Trail% }" matches the string "Trail" in the property "eventType"', () => {
    expect(matches('{ $.eventType = %Trail% }', LOG_EVENT)).toBe(true);
    expect(matches('{ $.eventType = %Trail% }', { eventType: 'UpdateTrial' })).toBe(false);
  });

  test('"{ $.arrayKey[*] = %val.{2}% }" matches the element "value" of any element of the array', () => {
    expect(matches('{ $.arrayKey[*] = %val.{2}% }', LOG_EVENT)).toBe(true);
    expect(matches('{ $.arrayKey[*] = %val.{2}% }', { arrayKey: ['other', 'valu'] })).toBe(false);
    expect(matches('{ $.arrayKey[*] = %val.{2}% }', { arrayKey: ['other', 'a valid one'] })).toBe(true);
  });

  test('"{ $.* = %111\\.111\\.111\\.1[0-9]{1,2}% }" matches "111.111.111.111" in any property', () => {
    const pattern = '{ $.* = %111\\.111\\.111\\.1[0-9]{1,2}% }';
    expect(matches(pattern, LOG_EVENT)).toBe(true);
    expect(matches(pattern, { ...LOG_EVENT, sourceIPAddress: '111.111.111.2' })).toBe(false);
    expect(matches(pattern, { a: 'x', b: '111.111.111.199' })).toBe(true);
  });

  test('"{ $.[\'cluster.name\'] = "c" }" matches a JSON property with a period in the key', () => {
    expect(matches('{ $.[\'cluster.name\'] = "c" }', LOG_EVENT)).toBe(true);
    expect(matches('{ $.[\'cluster.name\'] = "c" }', { cluster: { name: 'c' } })).toBe(false);
    expect(matches('{ $.cluster.name = "c" }', LOG_EVENT)).toBe(false);
    expect(matches('{ $.cluster.name = "c" }', { cluster: { name: 'c' } })).toBe(true);
  });

  test('"{ $.SomeObject IS NULL }" returns JSON logs where the value of SomeObject is NULL', () => {
    expect(matches('{ $.SomeObject IS NULL }', LOG_EVENT)).toBe(true);
    // "This will only be true is the specified object is set to null."
    expect(matches('{ $.SomeObject IS NULL }', { ...LOG_EVENT, SomeObject: {} })).toBe(false);
    expect(matches('{ $.SomeOtherObject IS NULL }', LOG_EVENT)).toBe(false);
    expect(matches('{ $.eventType IS NULL }', LOG_EVENT)).toBe(false);
  });

  test('"{ $.SomeOtherObject NOT EXISTS }" returns JSON logs that don\'t contain the field SomeOtherObject', () => {
    expect(matches('{ $.SomeOtherObject NOT EXISTS }', LOG_EVENT)).toBe(true);
    expect(matches('{ $.SomeOtherObject NOT EXISTS }', { SomeOtherObject: 'x' })).toBe(false);
    // A field set to null exists.
    expect(matches('{ $.SomeObject NOT EXISTS }', LOG_EVENT)).toBe(false);
  });

  test('earlier page: "{ $.objectList[1].id = 2 }" matches the second entry of objectList having id = 2', () => {
    expect(matches('{ $.objectList[1].id = 2 }', LOG_EVENT)).toBe(true);
    expect(matches('{ $.objectList[0].id = 2 }', LOG_EVENT)).toBe(false);
    // "If the items in objectList are not objects or do not have an id property, this will be false."
    expect(matches('{ $.objectList[1].id = 2 }', { objectList: [1, 2] })).toBe(false);
    expect(matches('{ $.objectList[1].id = 2 }', { objectList: [{}, { name: 'b' }] })).toBe(false);
  });

  test('earlier page: "{ $.ThisFlag IS TRUE }" filters on ThisFlag being TRUE (and IS FALSE on FALSE)', () => {
    expect(matches('{ $.ThisFlag IS TRUE }', LOG_EVENT)).toBe(true);
    expect(matches('{ $.ThisFlag IS FALSE }', LOG_EVENT)).toBe(false);
    expect(matches('{ $.ThisFlag IS FALSE }', { ThisFlag: false })).toBe(true);
    expect(matches('{ $.ThisFlag IS TRUE }', { ThisFlag: false })).toBe(false);
  });
});

describe('AWS doc: compound expressions', () => {
  test('"{ ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") }" matches', () => {
    expect(matches('{ ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") }', COMPOUND_EVENT)).toBe(true);
    expect(matches('{ ($.user.id = 1) && ($.users[1].email = "John.Doe@example.com") }', COMPOUND_EVENT)).toBe(false);
  });

  test('"{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = "nonmatch" && $.actions[2] = "nonmatch" }" matches', () => {
    expect(matches(
      '{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = "nonmatch" && $.actions[2] = "nonmatch" }',
      COMPOUND_EVENT)).toBe(true);
  });

  test('"{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = "nonmatch") && $.actions[2] = "nonmatch" }" doesn\'t match', () => {
    expect(matches(
      '{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = "nonmatch") && $.actions[2] = "nonmatch" }',
      COMPOUND_EVENT)).toBe(false);
  });

  test('"{ ($.user.id = 2 && $.users[0].email = "nonmatch") || $.actions[2] = "GET" }" doesn\'t match', () => {
    expect(matches('{ ($.user.id = 2 && $.users[0].email = "nonmatch") || $.actions[2] = "GET" }', COMPOUND_EVENT)).toBe(false);
    expect(matches('{ ($.user.id = 2 && $.users[0].email = "nonmatch") || $.actions[0] = "GET" }', COMPOUND_EVENT)).toBe(true);
  });

  test('earlier page, unquoted: "{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch && $.actions[2] = nomatch }" matches', () => {
    expect(matches(
      '{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch && $.actions[2] = nomatch }',
      COMPOUND_EVENT)).toBe(true);
  });

  test('earlier page, unquoted: "{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch) && $.actions[2] = nomatch }" doesn\'t match', () => {
    expect(matches(
      '{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch) && $.actions[2] = nomatch }',
      COMPOUND_EVENT)).toBe(false);
  });

  test('"up to three wildcard selectors in a filter pattern with compound expressions"', () => {
    const three = '{ $.users[*].id = 3 || $.actions[*] = "PUT" || $.coordinates[*][0] = 4 }';
    expect(matches(three, COMPOUND_EVENT)).toBe(true);
    expect(matches('{ $.users[*].id = 9 || $.actions[*] = "POST" || $.coordinates[*][0] = 5 }', COMPOUND_EVENT)).toBe(false);
    expect(() => JsonFilterPattern.parse('{ $.users[*].id = 3 || $.actions[*] = "PUT" || $.coordinates[*][0] = 4 || $.user.* = 1 }'))
      .toThrow(/^Invalid filter pattern at offset 74: a pattern can have at most 3 property selectors with a wildcard/);
  });

  test('"You can only use up to one wildcard selector in a property selector"', () => {
    expect(() => JsonFilterPattern.parse('{ $.coordinates[*][*] = 4 }'))
      .toThrow(/^Invalid filter pattern at offset 19: a property selector can have at most one wildcard/);
  });

  test('earlier page: both "{$.users = 1}" and "{$.users != 1}" fail to match where users is an array', () => {
    const event = { users: [1, 2, 3] };
    expect(matches('{$.users = 1}', event)).toBe(false);
    expect(matches('{$.users != 1}', event)).toBe(false);
    expect(matches('{$.users[0] = 1}', event)).toBe(true);
  });
});

describe('AWS doc: numeric values', () => {
  test.each([
    ['{ $.bandwidth > 75 }', { bandwidth: 76 }, { bandwidth: 75 }],
    ['{ $.latency < 50 }', { latency: 49.9 }, { latency: 50 }],
    ['{ $.refreshRate >= 60 }', { refreshRate: 60 }, { refreshRate: 59 }],
    ['{ $.responseTime <= 5 }', { responseTime: 5 }, { responseTime: 5.01 }],
    ['{ $.errorCode = 400}', { errorCode: 400 }, { errorCode: 401 }],
    ['{ $.errorCode != 500 }', { errorCode: 400 }, { errorCode: 500 }],
    ['{ $.number[0] = 1e+3 }', { number: [1000] }, { number: [100] }],
    ['{ $.number[0] != 1e-3 }', { number: [1] }, { number: [0.001] }],
    // Earlier page.
    ['{ $.latency >= 500 }', { latency: 500 }, { latency: 499 }],
    ['{ $.numbers[0] < 10e3 }', { numbers: [9999] }, { numbers: [10000] }],
    ['{ $.numbers[0] < 10e-3 }', { numbers: [0.009] }, { numbers: [0.01] }],
    ['{ $.processes[4].averageRuntime <= 55.5 }', { processes: [0, 0, 0, 0, { averageRuntime: 55.5 }] }, { processes: [0, 0, 0, 0, { averageRuntime: 55.6 }] }],
    ['{ $.latency > +1000 }', { latency: 1001 }, { latency: 1000 }],
  ])('"%s"', (pattern, matching, notMatching) => {
    expect(matches(pattern, matching)).toBe(true);
    expect(matches(pattern, notMatching)).toBe(false);
  });

  test('earlier page: "{ $.latency = * }" matches {"latency": 50, "requestType": "GET"}', () => {
    expect(JsonFilterPattern.parse('{ $.latency = * }').matchesJson('{"latency": 50, "requestType": "GET"}')).toBe(true);
    expect(JsonFilterPattern.parse('{ $.latency = * }').matchesJson('{"requestType": "GET"}')).toBe(false);
  });
});

describe('AWS doc (earlier page): "*" wildcards in strings', () => {
  test('"*Event will match PutEvent and GetEvent"', () => {
    expect(matches('{ $.eventName = *Event }', { eventName: 'PutEvent' })).toBe(true);
    expect(matches('{ $.eventName = *Event }', { eventName: 'GetEvent' })).toBe(true);
    expect(matches('{ $.eventName = *Event }', { eventName: 'EventId' })).toBe(false);
  });

  test('"Event* will match EventId and EventName"', () => {
    expect(matches('{ $.eventName = Event* }', { eventName: 'EventId' })).toBe(true);
    expect(matches('{ $.eventName = Event* }', { eventName: 'EventName' })).toBe(true);
    expect(matches('{ $.eventName = Event* }', { eventName: 'PutEvent' })).toBe(false);
  });

  test('"Ev*ent will only match the actual string Ev*ent"', () => {
    expect(matches('{ $.eventName = "Ev*ent" }', { eventName: 'Ev*ent' })).toBe(true);
    expect(matches('{ $.eventName = "Ev*ent" }', { eventName: 'Event' })).toBe(false);
    expect(matches('{ $.eventName = Ev*ent }', { eventName: 'EvXent' })).toBe(false);
  });
});

describe('AWS doc: supported regular expressions, on JSON values', () => {
  const re = (regex: string, value: string) => matches(`{ $.v = %${regex}% }`, { v: value });

  test('"%AUTHORIZED%" matches "[ERROR 401] UNAUTHORIZED REQUEST" and "[SUCCESS 200] AUTHORIZED REQUEST"', () => {
    expect(re('AUTHORIZED', '[ERROR 401] UNAUTHORIZED REQUEST')).toBe(true);
    expect(re('AUTHORIZED', '[SUCCESS 200] AUTHORIZED REQUEST')).toBe(true);
    expect(re('AUTHORIZED', '[SUCCESS 200] authorized request')).toBe(false);
  });

  test('"%^[hc]at%" matches "hat" and "cat", but only at the beginning of a string', () => {
    expect(re('^[hc]at', 'hat trick')).toBe(true);
    expect(re('^[hc]at', 'cat')).toBe(true);
    expect(re('^[hc]at', 'a hat')).toBe(false);
  });

  test('"%[hc]at$%" matches "hat" and "cat", but only at the end of a string', () => {
    expect(re('[hc]at$', 'a hat')).toBe(true);
    expect(re('[hc]at$', 'hats')).toBe(false);
  });

  test('"%colou?r%" can match both "color" and "colour"', () => {
    expect(re('colou?r', 'color')).toBe(true);
    expect(re('colou?r', 'colour')).toBe(true);
    expect(re('colou?r', 'colouur')).toBe(false);
  });

  test('"%[abc]%", "%[a-z]%", "%[abcx-z]%" are character classes', () => {
    expect(re('[abc]', 'b')).toBe(true);
    expect(re('[abc]', 'd')).toBe(false);
    expect(re('[a-z]', 'q')).toBe(true);
    expect(re('[a-z]', 'Q')).toBe(false);
    expect(re('[abcx-z]', 'y')).toBe(true);
    expect(re('[abcx-z]', 'w')).toBe(false);
  });

  test('"%a{3,5}%" matches "aaa", "aaaa", "aaaaa" (anchored to check "only"); m or n can be omitted', () => {
    expect(re('a{3,5}', 'aaa')).toBe(true);
    expect(re('a{3,5}', 'aa')).toBe(false);
    expect(re('^a{3,5}$', 'aaaaa')).toBe(true);
    expect(re('^a{3,5}$', 'aaaaaa')).toBe(false);
    expect(re('^a{,2}$', 'aa')).toBe(true);
    expect(re('^a{,2}$', 'aaa')).toBe(false);
    expect(re('^a{2,}$', 'aaaa')).toBe(true);
    expect(re('^a{2,}$', 'a')).toBe(false);
    expect(re('^a{2, 3}$', 'aaa')).toBe(true);
  });

  test('"%gra|ey%" can match "gray" or "grey"', () => {
    expect(re('gra|ey', 'gray')).toBe(true);
    expect(re('gra|ey', 'grey')).toBe(true);
    expect(re('gra|ey', 'groy')).toBe(false);
  });

  test('"%^starting|^initializing|^shutting down%" won\'t match "skipping initializing ..."', () => {
    const r = '^starting|^initializing|^shutting down';
    expect(re(r, 'starting ...')).toBe(true);
    expect(re(r, 'initializing ...')).toBe(true);
    expect(re(r, 'shutting down')).toBe(true);
    expect(re(r, 'skipping initializing ...')).toBe(false);
  });

  test('"%abcc|ab[^c]$" can match "abcc ..." and "aba" but won\'t match "aac ..."', () => {
    expect(re('abcc|ab[^c]$', 'abcc ...')).toBe(true);
    expect(re('abcc|ab[^c]$', 'aba')).toBe(true);
    expect(re('abcc|ab[^c]$', 'aac ...')).toBe(false);
  });

  test('"%\\[.\\]%" matches any single character surrounded by "[" and "]"', () => {
    for (const v of ['[a]', '[b]', '[7]', '[@]', '[]]', '[ ]']) expect(re('\\[.\\]', v)).toBe(true);
    expect(re('\\[.\\]', '[ab]')).toBe(false);
  });

  test('"%10\\.10\\.0\\.1%" matches 10.10.0.1; "%10.10.0.1%" can match "10010,051"', () => {
    expect(re('10\\.10\\.0\\.1', '10.10.0.1')).toBe(true);
    expect(re('10\\.10\\.0\\.1', '10010,051')).toBe(false);
    expect(re('10.10.0.1', '10010,051')).toBe(true);
  });

  test('"%ab*c%" can match "ac", "abc", "abbbc"; "%ab[0-9]*%" can match "ab", "ab0", "ab129"', () => {
    for (const v of ['ac', 'abc', 'abbbc']) expect(re('ab*c', v)).toBe(true);
    expect(re('ab*c', 'adc')).toBe(false);
    for (const v of ['ab', 'ab0', 'ab129']) expect(re('^ab[0-9]*$', v)).toBe(true);
    expect(re('^ab[0-9]*$', 'ab12x')).toBe(false);
  });

  test('"%ab+c%" can match "abc", "abbc", "abbbc", but not "ac"', () => {
    for (const v of ['abc', 'abbc', 'abbbc']) expect(re('ab+c', v)).toBe(true);
    expect(re('ab+c', 'ac')).toBe(false);
  });

  test('"%.at%" matches "hat", "cat", "bat", "4at", "#at" and " at"', () => {
    for (const v of ['hat', 'cat', 'bat', '4at', '#at', ' at']) expect(re('.at', v)).toBe(true);
    expect(re('.at', 'at')).toBe(false);
  });

  test('"%\\d%" is "%[0-9]%", "%\\D%" is "%[^0-9]%", "\\s", "\\S", "\\w", "\\W"', () => {
    expect(re('^\\d$', '7')).toBe(true);
    expect(re('^\\d$', 'x')).toBe(false);
    expect(re('^\\D$', 'x')).toBe(true);
    expect(re('^\\D$', '7')).toBe(false);
    expect(re('a\\sb', 'a\tb')).toBe(true);
    expect(re('a\\sb', 'a-b')).toBe(false);
    expect(re('^\\S+$', 'ab')).toBe(true);
    expect(re('^\\S+$', 'a b')).toBe(false);
    expect(re('^\\w+$', 'a_Z9')).toBe(true);
    expect(re('^\\w+$', 'a-b')).toBe(false);
    expect(re('\\W', 'a-b')).toBe(true);
    expect(re('\\W', 'a_b')).toBe(false);
  });

  test('"%\\x3A%" matches ":" and "%\\x28%" matches "("', () => {
    expect(re('\\x3A', 'a:b')).toBe(true);
    expect(re('\\x3A', 'ab')).toBe(false);
    expect(re('\\x28', 'f(x)')).toBe(true);
    expect(re('\\x28', 'fx')).toBe(false);
  });

  test('"%something!%" would be rejected since "!" is not supported', () => {
    expect(() => JsonFilterPattern.parse('{ $.v = %something!% }'))
      .toThrow(/^Invalid filter pattern at offset 18: character "!" is not supported in a regular expression/);
  });

  test('"The ( and ) operators are not supported"', () => {
    expect(() => JsonFilterPattern.parse('{ $.v = %(ab)+% }')).toThrow(/^Invalid filter pattern at offset 9: '\(' is not supported/);
  });

  test('"There is a limit of 2 regex for each filter pattern": regexCount reports it', () => {
    expect(JsonFilterPattern.parse('{ $.a = %x% && $.b != %y% }').regexCount).toBe(2);
    expect(JsonFilterPattern.parse('{ $.a = %x% && $.b = %y% && $.c = %z% }').regexCount).toBe(3);
    expect(JsonFilterPattern.parse('{ $.a = "%x%" }').regexCount).toBe(0);
  });
});
