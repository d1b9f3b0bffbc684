/**
 * Parse errors: a plain Error whose message is `Invalid filter pattern at offset N: ...`, N being the
 * 0-based offset of the offending character.
 */
import { JsonFilterPattern } from '../../lib/filter-pattern';

/** Parses `pattern`, expecting an error at `offset` whose message contains `message`. */
function expectError(pattern: string, offset: number, message: string | RegExp) {
  let error: unknown;
  try {
    JsonFilterPattern.parse(pattern);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(Error);
  const text = (error as Error).message;
  expect(text).toMatch(new RegExp(`^Invalid filter pattern at offset ${offset}: `));
  if (typeof message === 'string') expect(text).toContain(message);
  else expect(text).toMatch(message);
}

describe('structure', () => {
  test.each([
    ['', 0, 'the pattern is empty'],
    ['   \n ', 0, 'the pattern is empty'],
    ['ERROR', 0, "must be enclosed in '{' and '}'"],
    ['$.a = 1', 0, "must be enclosed in '{' and '}'"],
    ['[ip, user, status_code = 4*]', 0, "must be enclosed in '{' and '}'"],
    ['  %AUTHORIZED%', 2, "must be enclosed in '{' and '}'"],
    ['{}', 1, 'empty expression'],
    ['{   }', 4, 'empty expression'],
    ['{', 1, 'expected a condition'],
    ['{ $.a = 1', 9, "missing '}' to close the '{' at offset 0"],
    ['{ $.a = 1 }}', 11, "after the closing '}'"],
    ['{ $.a = 1 } { $.b = 2 }', 12, "after the closing '}'"],
    ['{ $.a = 1 } x', 12, "after the closing '}'"],
  ])('%j', (pattern, offset, message) => expectError(pattern, offset, message));
});

describe('parentheses', () => {
  test.each([
    ['{ ($.a = 1 }', 11, "missing ')' to close the '(' at offset 2"],
    ['{ (($.a = 1) }', 13, "missing ')' to close the '(' at offset 2"],
    ['{ ($.a = 1', 10, "missing ')'"],
    ['{ $.a = 1) }', 9, "unbalanced ')'"],
    ['{ ($.a = 1)) }', 11, "unbalanced ')'"],
    ['{ () }', 3, 'expected a condition'],
    ['{ ($.a = 1) ($.b = 2) }', 12, "expected '&&', '||' or '}'"],
    ['{ ($.a = 1 $.b = 2) }', 11, "expected '&&', '||' or ')'"],
  ])('%j', (pattern, offset, message) => expectError(pattern, offset, message));
});

describe('logical operators', () => {
  test.each([
    ['{ $.a = 1 && }', 13, "expected a condition (a property selector starting with '$.', or '(') after '&&'"],
    ['{ $.a = 1 || }', 13, "after '||'"],
    ['{ && $.a = 1 }', 2, "after '{'"],
    ['{ $.a = 1 && && $.b = 2 }', 13, "after '&&'"],
    ['{ $.a = 1 || || $.b = 2 }', 13, "after '||'"],
    ['{ ($.a = 1 &&) }', 13, "after '&&'"],
    ['{ $.a = 1 &&', 12, 'found the end of the pattern'],
    ['{ $.a = 1 & $.b = 2 }', 10, "unknown operator '&' (the logical AND is '&&')"],
    ['{ $.a = 1 | $.b = 2 }', 10, "unknown operator '|' (the logical OR is '||')"],
    ['{ $.a = 1 AND $.b = 2 }', 10, "expected '&&', '||' or '}'"],
    ['{ $.a = 1 $.b = 2 }', 10, "expected '&&', '||' or '}'"],
  ])('%j', (pattern, offset, message) => expectError(pattern, offset, message));
});

describe('comparison operators and keywords', () => {
  test.each([
    ['{ $.a == 1 }', 6, "unknown operator '=='"],
    ['{ $.a <> 1 }', 6, "unknown operator '<>'"],
    ['{ $.a ! = 1 }', 6, "unknown operator '!'"],
    ['{ $.a =~ 1 }', 7, 'unexpected character "~"'],
    ['{ $.a 1 }', 6, 'expected a comparison operator (=, !=, <, <=, >, >=), IS or NOT EXISTS after the property selector $.a'],
    ['{ $.a }', 6, 'expected a comparison operator'],
    ['{ $.a is null }', 6, 'keywords are case sensitive'],
    ['{ $.a not exists }', 6, 'keywords are case sensitive'],
    ['{ $.a EXISTS }', 6, "'EXISTS' is not supported by CloudWatch Logs, only 'NOT EXISTS'"],
    ['{ $.a IS NOT NULL }', 9, "'IS NOT' is not supported"],
    ['{ $.a IS }', 9, 'expected TRUE, FALSE or NULL after IS'],
    ['{ $.a IS EMPTY }', 9, 'expected TRUE, FALSE or NULL after IS, found "EMPTY"'],
    ['{ $.a IS true }', 9, 'expected TRUE, FALSE or NULL after IS'],
    ['{ $.a NOT NULL }', 10, 'expected EXISTS after NOT'],
    ['{ $.a NOT }', 10, 'expected EXISTS after NOT'],
  ])('%j', (pattern, offset, message) => expectError(pattern, offset, message));
});

describe('values', () => {
  test.each([
    ['{ $.a = }', 8, "expected a value (a \"quoted string\", an unquoted word or number, or a %regex%) after '='"],
    ['{ $.a != && $.b = 1 }', 9, "after '!='"],
    ['{ $.a = "abc }', 8, 'unterminated string'],
    ['{ $.a = "abc\\" }', 8, 'unterminated string'],
    ["{ $.a = 'abc' }", 8, 'double quotes'],
    ['{ $.a = foo@bar }', 11, 'unexpected character "@"'],
    ['{ $.a = arn:aws }', 11, 'unexpected character ":"'],
    ['{ $.a = $.b }', 8, 'expected a value'],
    ['{ $.a > abc }', 8, "expected a number after '>'"],
    ['{ $.a >= "5" }', 9, "expected a number after '>='"],
    ['{ $.a < 5* }', 8, "expected a number after '<'"],
    ['{ $.a <= %5% }', 9, "expected a number after '<='"],
    ['{ $.a > 1.2.3 }', 8, 'expected a number'],
    ['{ $.a > 1e }', 8, 'expected a number'],
  ])('%j', (pattern, offset, message) => expectError(pattern, offset, message));
});

describe('regular expressions', () => {
  test.each([
    ['{ $.a = %abc }', 8, "unterminated regular expression (missing closing '%')"],
    ['{ $.a = %% }', 8, 'empty regular expression'],
    ['{ $.a = %a!% }', 10, 'character "!" is not supported in a regular expression'],
    ['{ $.a = %a(b)% }', 10, "'(' is not supported in a regular expression"],
    ['{ $.a = %a\\)% }', 11, "')' is not supported"],
    ['{ $.a = %caf\u00e9% }', 12, 'character "\u00e9" is not supported'],
    ['{ $.a = %a"b% }', 10, 'character "\\"" is not supported'],
    ['{ $.a = %[abc% }', 9, "unterminated character class (missing ']')"],
    ['{ $.a = %a{x}% }', 10, "'{' must start a repetition"],
    ['{ $.a = %a{}% }', 10, "'{' must start a repetition"],
    ['{ $.a = %a{2% }', 10, "'{' must start a repetition"],
    ['{ $.a = %\\x4% }', 9, "'\\x' must be followed by two hexadecimal digits"],
    ['{ $.a = %ab\\% }', 11, "cannot end with '\\'"],
    ['{ $.a = %*a% }', 8, 'invalid regular expression %*a%'],
    ['{ $.a = %a{3,1}% }', 8, 'invalid regular expression'],
    ['{ $.a = %[z-a]% }', 8, 'invalid regular expression'],
  ])('%j', (pattern, offset, message) => expectError(pattern, offset, message));
});

describe('property selectors', () => {
  test.each([
    ['{ eventName = "x" }', 2, "expected a condition after '{', found \"eventName\": a property selector must start with '$.' (e.g. $.eventName)"],
    ['{ "eventName" = "x" }', 2, "a property selector must start with '$.'"],
    ['{ $.a = 1 && b = 2 }', 13, "a property selector must start with '$.'"],
    ['{ $ = 1 }', 2, "a property selector must start with '$.' or '$['"],
    ['{ $a = 1 }', 2, "a property selector must start with '$.' or '$['"],
    ['{ $. = 1 }', 4, "expected a property name (letters, digits, '_', '-'), '*' or '[' after '.'"],
    ['{ $.a. = 1 }', 6, 'expected a property name'],
    ['{ $.a..b = 1 }', 6, 'expected a property name'],
    ['{ $.a[ = 1 }', 6, "expected an array index, '*' or a quoted property name after '['"],
    ['{ $.a[x] = 1 }', 6, "expected an array index, '*' or a quoted property name after '['"],
    ['{ $.a[-1] = 1 }', 6, 'expected an array index'],
    ['{ $.a[0 = 1 }', 7, "expected ']' in a property selector"],
    ['{ $.a[99999999999999999999] = 1 }', 6, 'too large'],
    ["{ $.['a = 1 }", 5, 'unterminated quoted property name'],
    ["{ $.['a'x] = 1 }", 8, "expected ']'"],
    ['{ $.a[*][*] = 1 }', 9, 'at most one wildcard (the first is at offset 6'],
    ['{ $.*.* = 1 }', 6, 'at most one wildcard'],
    ['{ $.a[*] = 1 || $.b[*] = 1 || $.c.* = 1 || $.d[*] = 1 }', 43, 'at most 3 property selectors with a wildcard (CloudWatch Logs quota)'],
    ['{ $.ключ = 1 }', 4, 'expected a property name'],
  ])('%j', (pattern, offset, message) => expectError(pattern, offset, message));

  test('three wildcard selectors are allowed', () => {
    expect(() => JsonFilterPattern.parse('{ $.a[*] = 1 || $.b[*] = 1 || $.c.* = 1 || $.d = 1 }')).not.toThrow();
  });
});

describe('input type', () => {
  test('a non-string pattern (e.g. from another jsii language) is rejected', () => {
    expect(() => JsonFilterPattern.parse(undefined as any)).toThrow(/^Invalid filter pattern at offset 0: the pattern must be a string/);
    expect(() => JsonFilterPattern.parse(42 as any)).toThrow(/^Invalid filter pattern at offset 0: the pattern must be a string, got number/);
  });

  test('errors are plain Error instances', () => {
    let error: any;
    try {
      JsonFilterPattern.parse('{ $.a = }');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(Error);
    expect(error.constructor).toBe(Error);
  });
});
