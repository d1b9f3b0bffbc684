import { compilePredicate, SqlDialect } from './sql';

export { SqlDialect } from './sql';

/**
 * Options of `FilterPatternSql.predicate()`.
 */
export interface FilterPatternSqlOptions {
  /**
   * The SQL dialect.
   *
   * @default SqlDialect.ATHENA
   */
  readonly dialect?: SqlDialect;

  /**
   * Compile over one column that holds each whole record as JSON text (e.g. a DuckDB table read with
   * `read_json_objects`, or an Athena table with one string column), instead of the CloudTrail table's
   * columns. Every selector then becomes a JSON path into that column.
   *
   * @default - the columns of the Athena user guide's CloudTrail table (`ArchiveQueries` creates it)
   */
  readonly jsonColumn?: string;
}

/**
 * Compiles a CloudWatch Logs JSON filter pattern into a SQL predicate over CloudTrail records that
 * selects exactly the records the pattern matches (`JsonFilterPattern.matches()`), for Amazon Athena
 * (engine version 3, Trino) or DuckDB, from one translation.
 *
 * Over the CloudTrail table, selectors become columns and struct fields (`$.userIdentity.type` →
 * `"useridentity"."type"`) and, inside the JSON-text columns (`requestparameters`, `responseelements`,
 * `additionaleventdata`, `serviceeventdetails`, `edgedevicedetails`), JSON paths. A comparison only
 * matches a JSON string or number (`!=` on a missing field, a boolean, null, an object or an array is
 * false); `*` wildcards become `LIKE`; numbers compare numerically; regex values become `regexp_like`
 * (Athena) / `regexp_matches` (DuckDB).
 *
 * The predicate can be NULL where the pattern does not match: use it in `WHERE` (or wrap it in
 * `COALESCE(..., FALSE)`), not under `NOT`.
 *
 * docs/history.md lists every catalog detection's predicate and the equivalence test that proves them.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
 * @see https://docs.aws.amazon.com/athena/latest/ug/create-cloudtrail-table-partition-projection.html
 */
export class FilterPatternSql {
  /**
   * The SQL predicate of a filter pattern.
   *
   * @param pattern a JSON filter pattern, e.g. `{ $.eventName = "ConsoleLogin" }`
   * @param options the dialect and the table shape
   * @returns the predicate, e.g. `"eventname" = 'ConsoleLogin'`
   * @throws Error `Invalid filter pattern at offset N: ...` when the pattern does not parse
   * (see `JsonFilterPattern.parse`); `CloudTrailBaselineError` naming `FilterPatternSql.predicate(pattern)`
   * when SQL over the table cannot mean what the pattern means: wildcard selectors (`$.*`, `[*]`); over the
   * CloudTrail table, a selector that is not one of its columns (names are case sensitive), that goes below
   * a string or into a map column, `IS NULL` on a column, `NOT EXISTS` on a field CloudTrail writes as
   * null (`requestParameters`), or a comparison with a whole JSON-text column.
   */
  public static predicate(pattern: string, options: FilterPatternSqlOptions = {}): string {
    return compilePredicate(pattern, options, 'FilterPatternSql.predicate(pattern)');
  }

  private constructor() {}
}
