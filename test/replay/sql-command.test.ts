/**
 * `cdk-cloudtrail-baseline sql`: the predicate or query of a catalog detection or a filter pattern.
 */
import { main } from '../../lib/replay/cli';

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(['sql', ...argv], { stdout: { write: (t: string) => (out += t) }, stderr: { write: (t: string) => (err += t) } });
  return { code, out, err };
}

describe('cdk-cloudtrail-baseline sql', () => {
  test('prints the Athena predicate of a catalog detection', async () => {
    const r = await run('CloudWatch.1');
    expect(r).toEqual({
      code: 0,
      err: '',
      out: '(\n  "useridentity"."type" = \'Root\'\n  AND "useridentity"."invokedby" IS NULL\n  AND "eventtype" <> \'AwsServiceEvent\'\n)\n',
    });
  });

  test('prints the DuckDB predicate of a filter pattern', async () => {
    const r = await run('{ $.requestParameters.bucketName = "logs-*" }', '--dialect', 'duckdb');
    expect(r.code).toBe(0);
    expect(r.out).toBe('json_extract_string("requestparameters", \'$.bucketName\') LIKE \'logs-%\' ESCAPE \'\\\'\n');
  });

  test('--query prints the whole query, bounded by the date partition on Athena and by eventtime on DuckDB', async () => {
    const athena = await run('CIS.4.15', '--query');
    expect(athena.code).toBe(0);
    expect(athena.out).toMatch(/^-- CIS\.4\.15: AWS Organizations changes\n-- filter pattern: \{ \(\$\.eventSource = organizations/);
    expect(athena.out).toContain('FROM "cloudtrail_archive"."cloudtrail"\nWHERE "timestamp" BETWEEN ? AND ?');
    const duck = await run('CIS.4.15', '--query', '--dialect=duckdb', '--table', 'main.ct');
    expect(duck.out).toContain('FROM "main"."ct"\nWHERE eventtime BETWEEN ? AND ?');
  });

  test('a pattern SQL cannot express: exit 1 and the reason', async () => {
    const r = await run('{ $.resources[*].ARN = "arn:*" }');
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^cdk-cloudtrail-baseline sql: filter pattern: cannot be expressed in SQL over the CloudTrail table: \$\.resources\[\*\]\.ARN: wildcard selectors/);
  });

  test.each([
    [[], /no detection id or filter pattern given/],
    [['CloudWatch.99'], /'CloudWatch\.99' is neither a catalog detection id \(CloudWatch\.1, .*\) nor a filter pattern/],
    [['CloudWatch.1', '--dialect', 'mysql'], /--dialect must be athena or duckdb, got "mysql"/],
    [['CloudWatch.1', '--table', 'a;b'], /--table needs a name or database\.name/],
    [['CloudWatch.1', '--bogus'], /unknown option '--bogus'/],
    [['{ $.a = '], /Invalid filter pattern at offset 8/],
  ])('bad usage %j: exit 2', async (argv, message) => {
    const r = await run(...(argv as string[]));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
  });

  test('--help prints the usage, and the program usage lists the command', async () => {
    expect((await run('--help')).out).toMatch(/^Usage: cdk-cloudtrail-baseline sql \[options\] <detection id \| filter pattern>/);
    let out = '';
    await main(['--help'], { stdout: { write: (t: string) => (out += t) }, stderr: { write: () => true } });
    expect(out).toContain('sql <detection id | filter pattern>');
  });
});
