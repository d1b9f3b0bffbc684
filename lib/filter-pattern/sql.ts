/**
 * Compiles a parsed JSON filter pattern into a SQL predicate that selects exactly the records the
 * pattern matches (lib/filter-pattern/evaluator.ts), for Athena (Trino) and DuckDB, from one translation:
 * the dialects differ only in a handful of primitives (JSON extraction, regex, array elements).
 *
 * Two table shapes:
 * - the CloudTrail table of the Athena user guide (./cloudtrail-columns): selectors map to columns and
 *   struct fields; inside the JSON-text columns (`requestparameters`, `responseelements`,
 *   `additionaleventdata`, `serviceeventdetails`, `edgedevicedetails`) to JSON paths;
 * - one JSON-text column holding the whole record (`jsonColumn`): every selector is a JSON path.
 *
 * What a comparison means follows ./values.ts: `=` / `!=` / `<` ... only match a JSON string or number
 * (so `!=` on a missing field, a boolean, null, an object or an array is false), `IS TRUE|FALSE|NULL`
 * only the JSON literal, `NOT EXISTS` a missing field. The predicate is never TRUE where the pattern does
 * not match and is TRUE where it does; it may be NULL (not FALSE) on a non-match, so use it in `WHERE`
 * (or wrap it in `COALESCE(..., FALSE)`), not under `NOT`.
 *
 * Refused (the pattern cannot be expressed exactly over the table), with the reason:
 * - wildcard selectors (`$.*`, `$.a[*]`);
 * - on the CloudTrail table: a selector that is not a column (names are case sensitive: `$.sourceIPAddress`),
 *   that goes below a string field or into a map, an `IS NULL` on a column (the table holds a field set to
 *   null and a missing field alike as NULL), `NOT EXISTS` on a field CloudTrail writes as null
 *   (`requestParameters`), and a comparison with a whole JSON-text column.
 *
 * Known difference: a JSON number written in a non-canonical form inside a JSON-text column (`1.0`, `1e3`)
 * is compared as text by its JavaScript text (`1`, `1000`) in the evaluator, and by its JSON text in SQL
 * (`=` with an unquoted number and `<`, `<=`, `>`, `>=` compare numerically and agree).
 *
 * Internal module: the public entry is ./filter-pattern-sql.ts.
 */
import { CLOUDTRAIL_COLUMNS, Column, ColumnKind } from './cloudtrail-columns';
import { ComparisonNode, Node, NodeKind, parsePattern, ValueKind } from './parser';
import { Segment, SegmentKind, Selector } from './selector';
import { compileWildcard } from './values';
import { CloudTrailBaselineError } from '../private/errors';

/** The SQL dialect of the predicate. */
export enum SqlDialect {
  /** Amazon Athena engine version 3 (Trino). */
  ATHENA = 'athena',
  /** DuckDB (1.x, with its json extension). */
  DUCKDB = 'duckdb',
}

/** Why a pattern cannot be compiled: the selector (or node) and the reason. */
export class SqlRefusal {
  constructor(public readonly what: string, public readonly reason: string) {}
  public get message(): string {
    return `${this.what}: ${this.reason}`;
  }
}

/** What the compiler reads: a dialect and a table shape. */
export interface SqlTarget {
  readonly dialect: SqlDialect;
  /** The whole record as JSON text in this column, instead of the CloudTrail table's columns. */
  readonly jsonColumn?: string;
}

/** The result: a predicate, or why there is none. */
export type SqlResult = { readonly sql: string } | { readonly refusal: SqlRefusal };

/** The number syntax of ./values.ts, as a SQL regex literal. */
const NUMBER_REGEX = "'^[+-]?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?$'";
/** The JSON text of a string (`"`) or a number (`-`, digit). */
const STRING_OR_NUMBER_JSON = '\'^["0-9-]\'';

/** The dialect primitives. */
interface Dialect {
  regexLike(text: string, regexLiteral: string): string;
  /** The JSON text of the value at `path` (`"abc"`, `1`, `true`, `null`, `{...}`), NULL when missing. */
  jsonText(column: string, path: string): string;
  /** The text of a scalar value at `path` (a string without quotes, a number's text). */
  jsonScalar(column: string, path: string): string;
  /** A JSON path step for a property name that is not a plain identifier. */
  quotedStep(name: string): string;
  /** Element `index` (0-based) of an array expression, NULL when out of range. */
  element(array: string, index: number): string;
}

const ATHENA: Dialect = {
  regexLike: (t, r) => `regexp_like(${t}, ${r})`,
  jsonText: (c, p) => `json_format(json_extract(${c}, ${p}))`,
  jsonScalar: (c, p) => `json_extract_scalar(${c}, ${p})`,
  quotedStep: (n) => `["${n}"]`,
  element: (a, i) => `element_at(${a}, ${i + 1})`,
};

const DUCKDB: Dialect = {
  regexLike: (t, r) => `regexp_matches(${t}, ${r})`,
  jsonText: (c, p) => `CAST(json_extract(${c}, ${p}) AS VARCHAR)`,
  jsonScalar: (c, p) => `json_extract_string(${c}, ${p})`,
  quotedStep: (n) => `."${n}"`,
  element: (a, i) => `${a}[${i + 1}]`,
};

/** How the table holds the value a selector points at. */
interface Ref {
  /** SQL text of the value when it is a string or number, for comparisons; null when they never match. */
  readonly text: string | null;
  /** A condition that must hold for `text` to be a string or number (JSON paths). */
  readonly textGuard?: string;
  /** SQL text that is `'true'` / `'false'` when the value is that boolean; null when it never is. */
  readonly booleanText: string | null;
  /** The condition for `IS NULL`, or why it cannot be told. */
  readonly isNull: string | SqlRefusal;
  /** The condition for the field to exist, or why it cannot be told. */
  readonly exists: string | SqlRefusal;
  /** Why comparisons cannot be compiled, if they cannot. */
  readonly comparisonRefusal?: SqlRefusal;
}

/** Compiles a filter pattern's text (it must parse: see JsonFilterPattern.parse). */
export function compileToSql(pattern: string, target: SqlTarget): SqlResult {
  const root = parsePattern(pattern).root;
  const compiler = new Compiler(target);
  try {
    return { sql: compiler.node(root, 0) };
  } catch (e) {
    if (e instanceof SqlRefusal) return { refusal: e };
    throw e;
  }
}

/** A SQL string literal. */
export function sqlString(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** A SQL identifier, double-quoted. */
export function sqlIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_LINE = 100;

class Compiler {
  private readonly d: Dialect;

  constructor(private readonly target: SqlTarget) {
    this.d = target.dialect === SqlDialect.DUCKDB ? DUCKDB : ATHENA;
  }

  public node(node: Node, depth: number): string {
    switch (node.kind) {
      case NodeKind.AND:
      case NodeKind.OR: {
        const op = node.kind === NodeKind.AND ? 'AND' : 'OR';
        const parts = node.children.map((c) => this.node(c, depth + 1));
        const flat = `(${parts.join(` ${op} `)})`;
        if (flat.length <= MAX_LINE && !flat.includes('\n')) return flat;
        const pad = '  '.repeat(depth + 1);
        return `(\n${pad}${parts.join(`\n${pad}${op} `)}\n${'  '.repeat(depth)})`;
      }
      case NodeKind.COMPARISON:
        return this.comparison(node);
      case NodeKind.IS: {
        const ref = this.resolve(node.selector);
        if (node.expected === null) return this.orRefuse(ref.isNull);
        if (ref.booleanText === null) return 'FALSE';
        return `${ref.booleanText} = '${node.expected ? 'true' : 'false'}'`;
      }
      case NodeKind.NOT_EXISTS: {
        const ref = this.resolve(node.selector);
        const exists = this.orRefuse(ref.exists);
        return exists.endsWith(' IS NOT NULL') ? `${exists.slice(0, -' IS NOT NULL'.length)} IS NULL` : `NOT (${exists})`;
      }
    }
  }

  private orRefuse(v: string | SqlRefusal): string {
    if (v instanceof SqlRefusal) throw v;
    return v;
  }

  private comparison(node: ComparisonNode): string {
    const ref = this.resolve(node.selector);
    if (ref.comparisonRefusal) throw ref.comparisonRefusal;
    if (ref.text === null) return 'FALSE';
    const v = ref.text;
    const negate = node.operator === '!=';
    let test: string;
    switch (node.valueKind) {
      case ValueKind.REGEX: {
        const like = this.d.regexLike(v, sqlString(node.regex.source));
        test = negate ? `NOT ${like}` : like;
        break;
      }
      case ValueKind.NUMBER: {
        const n = Number(node.value);
        if (!Number.isFinite(n)) throw new SqlRefusal(`${node.selector.text} ${node.operator} ${node.value}`, 'the number is out of the range of a double');
        const numeric = `${this.d.regexLike(v, NUMBER_REGEX)} AND TRY_CAST(${v} AS DOUBLE)`;
        const literal = `CAST('${String(n)}' AS DOUBLE)`;
        if (node.operator === '=') test = `(${numeric} = ${literal})`;
        else if (negate) test = `NOT COALESCE(${numeric} = ${literal}, FALSE)`;
        else test = `(${numeric} ${node.operator} ${literal})`;
        break;
      }
      default:
        test = this.wildcard(v, node.value, negate);
    }
    if (test === 'FALSE') return 'FALSE';
    // Every test is NULL on a missing value (so `!=` does not match it) except `= *` (TRUE) and the numeric
    // `!=` (NOT COALESCE(...)): those state that the value exists.
    const exists = test === 'TRUE' || test.startsWith('NOT COALESCE(') ? `${v} IS NOT NULL` : undefined;
    const guard = ref.textGuard !== undefined && needsGuard(node) ? ref.textGuard : undefined;
    const parts = [guard, exists, test === 'TRUE' ? undefined : test].filter((g): g is string => g !== undefined);
    return parts.length === 1 ? parts[0] : `(${parts.join(' AND ')})`;
  }

  /** `=` / `!=` with a string or word: leading / trailing `*` are wildcards (./values.ts compileWildcard). */
  private wildcard(v: string, pattern: string, negate: boolean): string {
    let from = 0;
    let to = pattern.length;
    if (to === 0) return `${v} ${negate ? '<>' : '='} ''`;
    while (from < to && pattern[from] === '*') from++;
    if (from === to) return negate ? 'FALSE' : 'TRUE';
    while (to > from && pattern[to - 1] === '*') to--;
    const core = pattern.slice(from, to);
    const leading = from > 0;
    const trailing = to < pattern.length;
    if (!leading && !trailing) return `${v} ${negate ? '<>' : '='} ${sqlString(core)}`;
    const like = `${leading ? '%' : ''}${core.replace(/[\\%_]/g, (c) => `\\${c}`)}${trailing ? '%' : ''}`;
    return `${v} ${negate ? 'NOT LIKE' : 'LIKE'} ${sqlString(like)} ESCAPE '\\'`;
  }

  private resolve(selector: Selector): Ref {
    const wildcard = selector.segments.findIndex((seg) => seg.kind === SegmentKind.WILDCARD);
    if (wildcard >= 0) {
      throw new SqlRefusal(selector.text, 'wildcard selectors ($.* or [*]) are not compiled to SQL (Athena and DuckDB have no common form for "some element or field matches")');
    }
    if (this.target.jsonColumn !== undefined) {
      return this.jsonRef(sqlIdentifier(this.target.jsonColumn), selector.segments);
    }
    return this.columnRef(selector);
  }

  private jsonRef(column: string, segments: readonly Segment[]): Ref {
    const path = sqlString(`$${segments.map((seg) => this.step(seg)).join('')}`);
    const text = this.d.jsonText(column, path);
    return {
      text: this.d.jsonScalar(column, path),
      textGuard: this.d.regexLike(text, STRING_OR_NUMBER_JSON),
      booleanText: text,
      isNull: `${text} = 'null'`,
      exists: `${text} IS NOT NULL`,
    };
  }

  private step(seg: Segment): string {
    if (seg.kind === SegmentKind.INDEX) return `[${seg.index}]`;
    if (IDENTIFIER.test(seg.name)) return `.${seg.name}`;
    if (/["\\']/.test(seg.name)) {
      throw new SqlRefusal(seg.name, 'a property name holding a quote or a backslash is not compiled to a JSON path');
    }
    return this.d.quotedStep(seg.name);
  }

  private columnRef(selector: Selector): Ref {
    const segs = selector.segments;
    const refuse = (reason: string) => new SqlRefusal(selector.text, reason);
    let columns: readonly Column[] = CLOUDTRAIL_COLUMNS;
    let expr = '';
    for (let i = 0; i < segs.length; i++) {
      const seg = segs[i];
      if (seg.kind !== SegmentKind.PROPERTY) throw refuse(`${describeStep(seg)} selects an element of an object`);
      const column = columns.find((c) => c.field === seg.name);
      if (column === undefined) {
        const near = columns.find((c) => c.field.toLowerCase() === seg.name.toLowerCase());
        throw refuse(`'${seg.name}' is not a field of the CloudTrail table${i > 0 ? ` at ${segs.slice(0, i).map((x) => x.name).join('.')}` : ''}`
          + (near ? ` (field names are case sensitive: CloudTrail writes '${near.field}')` : ''));
      }
      expr = expr === '' ? sqlIdentifier(column.name) : `${expr}.${sqlIdentifier(column.name)}`;
      const rest = segs.slice(i + 1);
      switch (column.kind) {
        case ColumnKind.JSON_TEXT:
          if (rest.length > 0) return this.jsonRef(expr, rest);
          return {
            text: null,
            booleanText: null,
            comparisonRefusal: refuse(`the table holds ${column.field} as JSON text: compare one of its fields (e.g. ${selector.text}.name)`),
            isNull: refuse(`the table holds ${column.field} set to null and a missing ${column.field} alike (NULL)`),
            exists: refuse(`the table holds ${column.field} set to null and a missing ${column.field} alike (NULL)`),
          };
        case ColumnKind.STRUCT:
          if (rest.length === 0) return container(expr, column, refuse);
          columns = column.fields ?? [];
          continue;
        case ColumnKind.ARRAY_OF_STRUCT: {
          if (rest.length === 0) return container(expr, column, refuse);
          const next = rest[0];
          if (next.kind !== SegmentKind.INDEX) throw refuse(`${describeStep(next)} selects a property of an array`);
          expr = this.d.element(expr, next.index);
          i++;
          if (rest.length === 1) return container(expr, column, refuse);
          columns = column.fields ?? [];
          continue;
        }
        case ColumnKind.MAP:
          throw refuse(`${column.field} is a map column: not compiled to SQL`);
        case ColumnKind.STRING:
        case ColumnKind.BOOLEAN:
          if (rest.length > 0) throw refuse(`${column.field} is a ${column.kind} field: there is nothing below it`);
          return {
            text: column.kind === ColumnKind.STRING ? expr : null,
            booleanText: column.kind === ColumnKind.BOOLEAN ? expr : null,
            isNull: refuse(`the table holds ${column.field} set to null and a missing ${column.field} alike (NULL): IS NULL is not compiled`),
            exists: column.writtenAsNull ? refuse(`CloudTrail writes ${column.field} as null: NOT EXISTS cannot be told from null`) : `${expr} IS NOT NULL`,
          };
      }
    }
    // Unreachable: a selector has at least one segment and every column kind returns or continues.
    throw refuse('empty selector');
  }
}

/**
 * Whether a comparison on a JSON path needs the "string or number" guard: it does unless the test can only
 * hold for a string or number anyway. Without the guard, the scalar text of a boolean (`true`, `false`) or,
 * in DuckDB, the JSON text of an object or array (`{...}`, `[...]`) would be compared.
 */
function needsGuard(node: ComparisonNode): boolean {
  if (node.operator === '!=') return true;
  if (node.valueKind === ValueKind.REGEX) return true;
  if (node.valueKind === ValueKind.NUMBER) return false; // the number syntax regex excludes them
  const test = compileWildcard(node.value);
  if (test('true') || test('false')) return true;
  const core = node.value.replace(/^\*+/, '');
  return core.length < node.value.length || core.startsWith('{') || core.startsWith('[');
}

function container(expr: string, column: Column, refuse: (reason: string) => SqlRefusal): Ref {
  return {
    text: null,
    booleanText: null,
    isNull: refuse(`the table holds ${column.field} set to null and a missing ${column.field} alike (NULL): IS NULL is not compiled`),
    exists: column.writtenAsNull ? refuse(`CloudTrail writes ${column.field} as null: NOT EXISTS cannot be told from null`) : `${expr} IS NOT NULL`,
  };
}

function describeStep(seg: Segment): string {
  return seg.kind === SegmentKind.INDEX ? `[${seg.index}]` : seg.kind === SegmentKind.WILDCARD ? '[*]' : `.${seg.name}`;
}

/**
 * `FilterPatternSql.predicate` with the property to name in the error.
 */
export function compilePredicate(pattern: string, options: { readonly dialect?: SqlDialect; readonly jsonColumn?: string }, where: string): string {
  parsePattern(pattern); // syntax errors first, as JsonFilterPattern.parse reports them
  const result = compileToSql(pattern, { dialect: options.dialect ?? SqlDialect.ATHENA, jsonColumn: options.jsonColumn });
  if ('refusal' in result) {
    throw new CloudTrailBaselineError(where, `cannot be expressed in SQL over the ${options.jsonColumn === undefined ? 'CloudTrail table' : 'JSON column'}: `
      + `${result.refusal.message} (the pattern: ${pattern})`);
  }
  return result.sql;
}
