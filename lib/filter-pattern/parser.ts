/**
 * Recursive-descent parser of CloudWatch Logs JSON filter patterns into an AST.
 *
 * Grammar (whitespace-insensitive outside quotes):
 *
 * ```
 * pattern    := '{' or '}'
 * or         := and ('||' and)*
 * and        := primary ('&&' primary)*
 * primary    := '(' or ')' | condition
 * condition  := SELECTOR ( ('=' | '!=') value
 *                        | ('<' | '<=' | '>' | '>=') NUMBER
 *                        | 'IS' ('TRUE' | 'FALSE' | 'NULL')
 *                        | 'NOT' 'EXISTS' )
 * value      := STRING | WORD | REGEX
 * ```
 *
 * "Compound expressions support the use of parentheses ("()") and the following standard order of
 * operations: () > && > ||." Keywords are upper case ("Filter patterns are case sensitive").
 *
 * Internal module: not re-exported by the barrel.
 */
import { describe, syntaxError } from './errors';
import { Token, TokenKind, tokenize } from './lexer';
import { Selector } from './selector';
import { compileRegex, isNumberText } from './values';

/** AST node kinds. */
export enum NodeKind {
  OR = 'or',
  AND = 'and',
  COMPARISON = 'comparison',
  IS = 'is',
  NOT_EXISTS = 'not-exists',
}

/** `a || b || ...` or `a && b && ...` (two or more children). */
export interface LogicalNode {
  readonly kind: NodeKind.OR | NodeKind.AND;
  readonly children: readonly Node[];
}

/** How the value of a comparison is written. */
export enum ValueKind {
  /** A double-quoted string (may hold `*` wildcards). */
  STRING = 'string',
  /** An unquoted word that is not a number (may hold `*` wildcards). */
  WORD = 'word',
  /** An unquoted number, e.g. `400`, `-1.5`, `1e+3`. */
  NUMBER = 'number',
  /** A `%regex%`. */
  REGEX = 'regex',
}

/** What every `selector <operator> value` has. */
interface ComparisonBase {
  readonly kind: NodeKind.COMPARISON;
  readonly selector: Selector;
  /** `=`, `!=`, `<`, `<=`, `>` or `>=`. */
  readonly operator: string;
  /** The value: the string without quotes, the word, the number as written, or the regex source. */
  readonly value: string;
}

/** `selector <operator> value` with a string, word or number value. */
export interface ValueComparisonNode extends ComparisonBase {
  readonly valueKind: ValueKind.STRING | ValueKind.WORD | ValueKind.NUMBER;
}

/** `selector <operator> %regex%`. */
export interface RegexComparisonNode extends ComparisonBase {
  readonly valueKind: ValueKind.REGEX;
  /** The compiled regular expression. */
  readonly regex: RegExp;
}

/** `selector <operator> value`. */
export type ComparisonNode = ValueComparisonNode | RegexComparisonNode;

/** `selector IS TRUE | FALSE | NULL`. */
export interface IsNode {
  readonly kind: NodeKind.IS;
  readonly selector: Selector;
  /** The JSON value tested for: `true`, `false` or `null`. */
  readonly expected: boolean | null;
}

/** `selector NOT EXISTS`. */
export interface NotExistsNode {
  readonly kind: NodeKind.NOT_EXISTS;
  readonly selector: Selector;
}

/** Any AST node. */
export type Node = LogicalNode | ComparisonNode | IsNode | NotExistsNode;

/** A parsed pattern. */
export interface ParsedPattern {
  readonly root: Node;
  /** Number of `%regex%` values. */
  readonly regexCount: number;
  /** Number of property selectors holding a wildcard. */
  readonly wildcardSelectorCount: number;
}

/**
 * "You can only use up to one wildcard selector in a property selector, and up to three wildcard
 * selectors in a filter pattern with compound expressions."
 */
const MAX_WILDCARD_SELECTORS = 3;

const ORDER_OPERATORS = new Set(['<', '<=', '>', '>=']);
const KEYWORDS = new Set(['IS', 'NOT', 'EXISTS', 'TRUE', 'FALSE', 'NULL']);

/**
 * Parses a JSON filter pattern.
 *
 * @throws Error (`Invalid filter pattern at offset N: ...`) when the text is not a valid JSON filter pattern.
 */
export function parsePattern(text: string): ParsedPattern {
  if (typeof text !== 'string') throw syntaxError(0, `the pattern must be a string, got ${typeof text}`);
  const first = text.search(/\S/);
  if (first < 0) throw syntaxError(0, 'the pattern is empty (a JSON filter pattern is an expression in braces, e.g. { $.eventName = "ConsoleLogin" })');
  if (text[first] !== '{') {
    throw syntaxError(first, `a JSON filter pattern must be enclosed in '{' and '}', found ${describe(text[first])}`);
  }
  return new Parser(tokenize(text)).parsePattern();
}

class Parser {
  private pos = 0;
  private regexCount = 0;
  private wildcardSelectorCount = 0;

  constructor(private readonly tokens: Token[]) {}

  public parsePattern(): ParsedPattern {
    const open = this.next(); // '{', checked by parsePattern()
    if (this.peek().kind === TokenKind.RBRACE) {
      throw syntaxError(this.peek().offset, "empty expression: expected a condition between '{' and '}'");
    }
    const root = this.parseOr(open);
    const close = this.next();
    if (close.kind === TokenKind.EOF) {
      throw syntaxError(close.offset, `missing '}' to close the '{' at offset ${open.offset}`);
    }
    if (close.kind === TokenKind.RPAREN) {
      throw syntaxError(close.offset, "unbalanced ')' (no matching '(')");
    }
    if (close.kind !== TokenKind.RBRACE) {
      throw syntaxError(close.offset, `expected '&&', '||' or '}' after a condition, found ${this.describeToken(close)}`);
    }
    const rest = this.peek();
    if (rest.kind !== TokenKind.EOF) {
      throw syntaxError(rest.offset, `unexpected ${this.describeToken(rest)} after the closing '}' of the pattern`);
    }
    return { root, regexCount: this.regexCount, wildcardSelectorCount: this.wildcardSelectorCount };
  }

  /** `and ('||' and)*`; `before` is the token before the expression, for messages. */
  private parseOr(before: Token): Node {
    const children = [this.parseAnd(before)];
    while (this.peek().kind === TokenKind.OR) {
      const op = this.next();
      children.push(this.parseAnd(op));
    }
    return children.length === 1 ? children[0] : { kind: NodeKind.OR, children };
  }

  private parseAnd(before: Token): Node {
    const children = [this.parsePrimary(before)];
    while (this.peek().kind === TokenKind.AND) {
      const op = this.next();
      children.push(this.parsePrimary(op));
    }
    return children.length === 1 ? children[0] : { kind: NodeKind.AND, children };
  }

  private parsePrimary(before: Token): Node {
    const t = this.peek();
    if (t.kind === TokenKind.LPAREN) {
      this.next();
      const inner = this.parseOr(t);
      const close = this.next();
      if (close.kind !== TokenKind.RPAREN) {
        if (close.kind === TokenKind.RBRACE || close.kind === TokenKind.EOF) {
          throw syntaxError(close.offset, `missing ')' to close the '(' at offset ${t.offset}`);
        }
        throw syntaxError(close.offset, `expected '&&', '||' or ')' after a condition, found ${this.describeToken(close)}`);
      }
      return inner;
    }
    if (t.kind === TokenKind.SELECTOR) {
      return this.parseCondition();
    }
    const where = `after '${before.text}'`;
    if (t.kind === TokenKind.WORD || t.kind === TokenKind.STRING) {
      throw syntaxError(t.offset, `expected a condition ${where}, found ${this.describeToken(t)}: a property selector must start with '$.' (e.g. $.${t.value})`);
    }
    throw syntaxError(t.offset, `expected a condition (a property selector starting with '$.', or '(') ${where}, found ${this.describeToken(t)}`);
  }

  private parseCondition(): Node {
    const sel = this.next();
    const selector = sel.selector;
    if (selector === undefined) {
      throw syntaxError(sel.offset, `expected a property selector starting with '$.', found ${this.describeToken(sel)}`);
    }
    if (selector.hasWildcard && ++this.wildcardSelectorCount > MAX_WILDCARD_SELECTORS) {
      throw syntaxError(sel.offset, `a pattern can have at most ${MAX_WILDCARD_SELECTORS} property selectors with a wildcard (CloudWatch Logs quota)`);
    }
    const t = this.next();
    if (t.kind === TokenKind.OPERATOR) {
      return this.parseComparison(selector, t);
    }
    if (t.kind === TokenKind.WORD && t.value === 'IS') {
      const what = this.next();
      if (what.kind === TokenKind.WORD) {
        if (what.value === 'TRUE') return { kind: NodeKind.IS, selector, expected: true };
        if (what.value === 'FALSE') return { kind: NodeKind.IS, selector, expected: false };
        if (what.value === 'NULL') return { kind: NodeKind.IS, selector, expected: null };
        if (what.value === 'NOT') {
          throw syntaxError(what.offset, "'IS NOT' is not supported by CloudWatch Logs (use '!=' or NOT EXISTS)");
        }
      }
      throw syntaxError(what.offset, `expected TRUE, FALSE or NULL after IS, found ${this.describeToken(what)}`);
    }
    if (t.kind === TokenKind.WORD && t.value === 'NOT') {
      const what = this.next();
      if (what.kind !== TokenKind.WORD || what.value !== 'EXISTS') {
        throw syntaxError(what.offset, `expected EXISTS after NOT, found ${this.describeToken(what)}`);
      }
      return { kind: NodeKind.NOT_EXISTS, selector };
    }
    if (t.kind === TokenKind.WORD && t.value === 'EXISTS') {
      throw syntaxError(t.offset, "'EXISTS' is not supported by CloudWatch Logs, only 'NOT EXISTS' (to require a field, compare it, e.g. $.a = *)");
    }
    const hint = t.kind === TokenKind.WORD && KEYWORDS.has(t.value.toUpperCase()) ? ' (keywords are case sensitive: IS, NOT EXISTS, TRUE, FALSE, NULL)' : '';
    throw syntaxError(t.offset,
      `expected a comparison operator (=, !=, <, <=, >, >=), IS or NOT EXISTS after the property selector ${selector.text}, found ${this.describeToken(t)}${hint}`);
  }

  private parseComparison(selector: Selector, op: Token): ComparisonNode {
    const operator = op.text;
    const v = this.next();
    const base = { kind: NodeKind.COMPARISON as const, selector, operator };
    if (ORDER_OPERATORS.has(operator)) {
      if (v.kind !== TokenKind.WORD || !isNumberText(v.value)) {
        throw syntaxError(v.offset, `expected a number after '${operator}' (e.g. 42, -1.5, 1e+3), found ${this.describeToken(v)}`);
      }
      return { ...base, valueKind: ValueKind.NUMBER, value: v.value };
    }
    switch (v.kind) {
      case TokenKind.STRING:
        return { ...base, valueKind: ValueKind.STRING, value: v.value };
      case TokenKind.WORD:
        return { ...base, valueKind: isNumberText(v.value) ? ValueKind.NUMBER : ValueKind.WORD, value: v.value };
      case TokenKind.REGEX: {
        const regex = compileRegex(v.value, v.offset);
        this.regexCount++;
        return { ...base, valueKind: ValueKind.REGEX, value: v.value, regex };
      }
      default:
        throw syntaxError(v.offset, `expected a value (a "quoted string", an unquoted word or number, or a %regex%) after '${operator}', found ${this.describeToken(v)}`);
    }
  }

  private peek(): Token {
    return this.tokens[this.pos];
  }

  private next(): Token {
    const t = this.tokens[this.pos];
    if (t.kind !== TokenKind.EOF) this.pos++;
    return t;
  }

  private describeToken(t: Token): string {
    if (t.kind === TokenKind.EOF) return 'the end of the pattern';
    const shown = t.text.length > 40 ? `${t.text.slice(0, 40)}...` : t.text;
    return describe(shown);
  }
}
