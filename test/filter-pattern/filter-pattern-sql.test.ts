/**
 * The public entry of the filter pattern -> SQL compiler (the equivalence itself: sql-equivalence.test.ts).
 */
import { FilterPatternSql, SqlDialect } from '../../lib/filter-pattern';

describe('FilterPatternSql.predicate', () => {
  test('defaults to Athena over the CloudTrail table', () => {
    expect(FilterPatternSql.predicate('{ $.eventName = ConsoleLogin && $.readOnly IS FALSE }'))
      .toBe('("eventname" = \'ConsoleLogin\' AND "readonly" = \'false\')');
  });

  test('one translation, two dialects: only the primitives differ', () => {
    const pattern = '{ $.additionalEventData.MFAUsed != "Yes" || $.eventName = %^Get% }';
    expect(FilterPatternSql.predicate(pattern, { dialect: SqlDialect.ATHENA })).toBe([
      '(',
      '  (regexp_like(json_format(json_extract("additionaleventdata", \'$.MFAUsed\')), \'^["0-9-]\') AND json_extract_scalar("additionaleventdata", \'$.MFAUsed\') <> \'Yes\')',
      '  OR regexp_like("eventname", \'^Get\')',
      ')',
    ].join('\n'));
    expect(FilterPatternSql.predicate(pattern, { dialect: SqlDialect.DUCKDB })).toBe([
      '(',
      '  (regexp_matches(CAST(json_extract("additionaleventdata", \'$.MFAUsed\') AS VARCHAR), \'^["0-9-]\') AND json_extract_string("additionaleventdata", \'$.MFAUsed\') <> \'Yes\')',
      '  OR regexp_matches("eventname", \'^Get\')',
      ')',
    ].join('\n'));
  });

  test('over one JSON column, every selector is a JSON path', () => {
    expect(FilterPatternSql.predicate('{ $.userIdentity.type = Root }', { jsonColumn: 'record' }))
      .toBe('json_extract_scalar("record", \'$.userIdentity.type\') = \'Root\'');
  });

  test('quotes in values are escaped', () => {
    expect(FilterPatternSql.predicate('{ $.errorMessage = "it\'s" }')).toBe('"errormessage" = \'it\'\'s\'');
  });

  test('refuses what SQL cannot mean, naming the method, the selector and the reason', () => {
    expect(() => FilterPatternSql.predicate('{ $.requestParameters NOT EXISTS }')).toThrow(
      'FilterPatternSql.predicate(pattern): cannot be expressed in SQL over the CloudTrail table: $.requestParameters: '
      + 'the table holds requestParameters set to null and a missing requestParameters alike (NULL) (the pattern: { $.requestParameters NOT EXISTS })');
    expect(() => FilterPatternSql.predicate('{ $.a[*] = 1 }', { jsonColumn: 'record' })).toThrow(/over the JSON column: \$\.a\[\*\]: wildcard selectors/);
  });

  test('a pattern that does not parse fails as JsonFilterPattern.parse does', () => {
    expect(() => FilterPatternSql.predicate('{ $.a = }')).toThrow(/^Invalid filter pattern at offset 8/);
  });
});
