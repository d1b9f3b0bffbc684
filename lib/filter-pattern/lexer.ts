/**
 * Tokenizer of CloudWatch Logs JSON filter patterns.
 *
 * Whitespace is insignificant outside quoted strings and regular expressions. Every token carries
 * its 0-based offset in the pattern text for error messages.
 *
 * Internal module: not re-exported by the barrel.
 */
import { describe, syntaxError } from './errors';
import { scanSelector, Selector } from './selector';

/** The kinds of tokens. */
export enum TokenKind {
  LBRACE = '{',
  RBRACE = '}',
  LPAREN = '(',
  RPAREN = ')',
  AND = '&&',
  OR = '||',
  /** A comparison operator: `=`, `!=`, `<`, `<=`, `>`, `>=` (in `text`). */
  OPERATOR = 'operator',
  /** A property selector starting with `$` (in `selector`). */
  SELECTOR = 'selector',
  /** A double-quoted string; `value` holds it without quotes and with `\"` / `\\` unescaped. */
  STRING = 'string',
  /** A regular expression between `%` signs; `value` holds it without the `%`. */
  REGEX = 'regex',
  /**
   * An unquoted word: an unquoted value (`CreateTrail`, `kms.amazonaws.com`, `123.123.*`, `-1e+3`)
   * or a keyword (`IS`, `NOT`, `EXISTS`, `TRUE`, `FALSE`, `NULL`).
   */
  WORD = 'word',
  EOF = 'end of pattern',
}

/** One token. */
export interface Token {
  readonly kind: TokenKind;
  /** 0-based offset of the token's first character. */
  readonly offset: number;
  /** The token as written. */
  readonly text: string;
  /** The decoded value of STRING, REGEX and WORD tokens; else the text. */
  readonly value: string;
  /** The parsed selector of SELECTOR tokens. */
  readonly selector?: Selector;
}

/**
 * Characters of an unquoted value or keyword.
 *
 * The AWS page says "Strings that contain types other than alphanumeric characters and the underscore
 * symbol must be placed in double quotation marks", but its own examples use unquoted `123.123.*`
 * (`.` and the `*` wildcard) and numbers with signs and exponents (`1e+3`, `+1000`, `-3`), and the CIS /
 * Security Hub patterns use unquoted `kms.amazonaws.com`. So unquoted values may contain letters,
 * digits, `_`, `.`, `*`, `+` and `-`; anything else (`@`, `:`, `/`, spaces, ...) must be quoted.
 */
const WORD_CHAR = /[A-Za-z0-9_.*+-]/;

const WHITESPACE = /\s/;

/**
 * Splits a pattern into tokens, ending with an EOF token.
 *
 * @throws Error for unterminated strings or regular expressions, unknown operators and characters
 * that cannot start a token.
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let pos = 0;
  const push = (kind: TokenKind, start: number, end: number, value?: string, selector?: Selector) => {
    const raw = text.slice(start, end);
    tokens.push({ kind, offset: start, text: raw, value: value ?? raw, selector });
    pos = end;
  };

  while (pos < text.length) {
    const c = text[pos];
    const next = text[pos + 1];
    if (WHITESPACE.test(c)) {
      pos++;
      continue;
    }
    switch (c) {
      case '{': push(TokenKind.LBRACE, pos, pos + 1); continue;
      case '}': push(TokenKind.RBRACE, pos, pos + 1); continue;
      case '(': push(TokenKind.LPAREN, pos, pos + 1); continue;
      case ')': push(TokenKind.RPAREN, pos, pos + 1); continue;
      case '&':
        if (next !== '&') throw syntaxError(pos, "unknown operator '&' (the logical AND is '&&')");
        push(TokenKind.AND, pos, pos + 2);
        continue;
      case '|':
        if (next !== '|') throw syntaxError(pos, "unknown operator '|' (the logical OR is '||')");
        push(TokenKind.OR, pos, pos + 2);
        continue;
      case '=':
        if (next === '=') throw syntaxError(pos, "unknown operator '==' (equality is '=')");
        push(TokenKind.OPERATOR, pos, pos + 1);
        continue;
      case '!':
        if (next !== '=') {
          throw syntaxError(pos, "unknown operator '!' (the only negations are '!=' and 'NOT EXISTS')");
        }
        push(TokenKind.OPERATOR, pos, pos + 2);
        continue;
      case '<':
        if (next === '>') throw syntaxError(pos, "unknown operator '<>' (inequality is '!=')");
        push(TokenKind.OPERATOR, pos, next === '=' ? pos + 2 : pos + 1);
        continue;
      case '>':
        push(TokenKind.OPERATOR, pos, next === '=' ? pos + 2 : pos + 1);
        continue;
      case '"': {
        const { end, value } = scanString(text, pos);
        push(TokenKind.STRING, pos, end, value);
        continue;
      }
      case '%': {
        const close = text.indexOf('%', pos + 1);
        if (close < 0) throw syntaxError(pos, "unterminated regular expression (missing closing '%')");
        if (close === pos + 1) throw syntaxError(pos, "empty regular expression '%%'");
        push(TokenKind.REGEX, pos, close + 1, text.slice(pos + 1, close));
        continue;
      }
      case '$': {
        const { selector, end } = scanSelector(text, pos);
        push(TokenKind.SELECTOR, pos, end, undefined, selector);
        continue;
      }
      case '\'':
        throw syntaxError(pos, 'strings must be enclosed in double quotes ("), not single quotes');
      default:
        break;
    }
    if (WORD_CHAR.test(c)) {
      let end = pos + 1;
      while (end < text.length && WORD_CHAR.test(text[end])) end++;
      push(TokenKind.WORD, pos, end);
      continue;
    }
    throw syntaxError(pos, `unexpected character ${describe(c)} (values with characters other than letters, digits, '_', '.', '*', '+' and '-' must be double-quoted)`);
  }
  tokens.push({ kind: TokenKind.EOF, offset: text.length, text: '', value: '' });
  return tokens;
}

/** Reads a double-quoted string starting at `start` (the opening quote). */
function scanString(text: string, start: number): { end: number; value: string } {
  let value = '';
  let pos = start + 1;
  for (;;) {
    const c = text[pos];
    if (c === undefined) {
      throw syntaxError(start, 'unterminated string (missing closing \'"\')');
    }
    if (c === '"') return { end: pos + 1, value };
    if (c === '\\' && (text[pos + 1] === '"' || text[pos + 1] === '\\')) {
      value += text[pos + 1];
      pos += 2;
    } else {
      value += c;
      pos++;
    }
  }
}
