/**
 * The SQL a filter pattern compiles to (lib/filter-pattern/sql.ts) selects exactly the records the
 * evaluator matches: every catalog detection (defaults and variants), semantic edge cases and the AWS
 * documentation's filter pattern examples, run in embedded DuckDB over
 * - the real CloudTrail records of test/fixtures/cloudtrail-events (see its README and SOURCES.tsv),
 *   the synthetic ones of test/fixtures/synthetic-events, and this file's edge records, in a table shaped
 *   like the Athena user guide's CloudTrail table (./duckdb-table.ts);
 * - the same records, and the AWS page's example events, as one JSON-text column.
 * The Athena (Trino) rendering of the same translation is checked for shape only: Athena itself cannot be
 * run here.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DuckDBConnection } from '@duckdb/node-api';
import { loadRecords, NamedRecord, select } from './duckdb-table';
import { Detections } from '../../lib/detections';
import { JsonFilterPattern } from '../../lib/filter-pattern';
import { CLOUDTRAIL_COLUMNS, Column } from '../../lib/filter-pattern/cloudtrail-columns';
import { compileToSql, SqlDialect, SqlResult } from '../../lib/filter-pattern/sql';
import { detectionPredicate } from '../../lib/history/queries';

const FIXTURES = path.join(__dirname, '..', 'fixtures');

function corpus(): NamedRecord[] {
  const out: NamedRecord[] = [];
  for (const dir of ['cloudtrail-events', 'synthetic-events']) {
    const events = path.join(FIXTURES, dir, 'events');
    for (const f of fs.readdirSync(events).filter((n) => n.endsWith('.json')).sort()) {
      out.push({ id: `${dir}/${f}`, record: JSON.parse(fs.readFileSync(path.join(events, f), 'utf8')) });
    }
  }
  return out;
}

const BASE = {
  eventVersion: '1.08',
  userIdentity: { type: 'IAMUser', principalId: 'AIDAEXAMPLE', arn: 'arn:aws:iam::111122223333:user/alice', accountId: '111122223333', userName: 'alice' },
  eventTime: '2026-05-01T12:00:00Z',
  eventSource: 'iam.amazonaws.com',
  eventName: 'ListUsers',
  awsRegion: 'us-east-1',
  sourceIPAddress: '198.51.100.7',
  userAgent: 'aws-cli/2.15.0',
  requestParameters: null,
  responseElements: null,
  eventID: 'beef',
  readOnly: true,
  eventType: 'AwsApiCall',
  recipientAccountId: '111122223333',
};
const ROOT = { type: 'Root', principalId: '111122223333', arn: 'arn:aws:iam::111122223333:root', accountId: '111122223333' };

/** Edge records (this project's own, like the record() builders of cis-detections.test.ts). */
const EDGES: NamedRecord[] = [
  { id: 'edge/root-no-event-type', record: { ...BASE, userIdentity: ROOT, eventType: undefined } },
  { id: 'edge/root-invoked-by', record: { ...BASE, userIdentity: { ...ROOT, invokedBy: 'cloudtrail.amazonaws.com' } } },
  { id: 'edge/root-service-event', record: { ...BASE, userIdentity: ROOT, eventType: 'AwsServiceEvent' } },
  { id: 'edge/root', record: { ...BASE, userIdentity: ROOT } },
  { id: 'edge/no-error-code', record: { ...BASE, eventName: 'HeadBucket', errorCode: undefined } },
  { id: 'edge/head-bucket-denied', record: { ...BASE, eventName: 'HeadBucket', errorCode: 'AccessDenied' } },
  { id: 'edge/log-delivery-denied', record: { ...BASE, sourceIPAddress: 'delivery.logs.amazonaws.com', errorCode: 'AccessDenied' } },
  { id: 'edge/ec2-unauthorized', record: { ...BASE, errorCode: 'Client.UnauthorizedOperation' } },
  { id: 'edge/read-only-false', record: { ...BASE, readOnly: false, userAgent: 'odd%agent_with 100% wildcards' } },
  {
    id: 'edge/json-kinds',
    record: {
      ...BASE,
      requestParameters: { 'maxResults': 50, 'flag': true, 'off': false, 'nothing': null, 'obj': { a: 1 }, 'list': [1, 'two'], 'str': '50', 'neg': -1.5, 'x-amz-acl': 'private', 'a.b': 'dotted' },
      additionalEventData: { MFAUsed: 'No' },
      responseElements: { ConsoleLogin: 'Failure' },
    },
  },
  {
    id: 'edge/json-strings',
    record: { ...BASE, requestParameters: { maxResults: '7', flag: 'true', nothing: 'null', str: 'fifty', obj: '{"a":1}' }, additionalEventData: { MFAUsed: 'Yes' } },
  },
  {
    id: 'edge/resources',
    record: { ...BASE, resources: [{ ARN: 'arn:aws:s3:::example-bucket', accountId: '111122223333', type: 'AWS::S3::Bucket' }], tlsDetails: { tlsVersion: 'TLSv1.3' } },
  },
  { id: 'edge/console-sign-in-no-mfa', record: { ...BASE, eventName: 'ConsoleLogin', eventType: 'AwsConsoleSignIn', additionalEventData: { MFAUsed: 'No' }, responseElements: { ConsoleLogin: 'Success' } } },
  { id: 'edge/console-sign-in-no-aed', record: { ...BASE, eventName: 'ConsoleLogin', eventType: 'AwsConsoleSignIn', responseElements: { ConsoleLogin: 'Success' } } },
];

/** Semantic edge cases over CloudTrail fields: comparisons, wildcards, numbers, IS, NOT EXISTS, regex. */
const EDGE_PATTERNS = [
  '{ $.readOnly IS TRUE }', '{ $.readOnly IS FALSE }', '{ $.readOnly = "true" }', '{ $.readOnly != "x" }',
  '{ $.errorCode NOT EXISTS }', '{ $.errorCode = * }', '{ $.errorCode != * }', '{ $.errorCode != "AccessDenied" }',
  '{ $.userIdentity.invokedBy NOT EXISTS && $.userIdentity.type = Root }',
  '{ $.userIdentity.sessionContext.attributes.mfaAuthenticated = "true" }',
  '{ $.userIdentity.sessionContext.sessionIssuer.userName = * }',
  '{ $.userIdentity NOT EXISTS }', '{ $.userIdentity = * }', '{ $.userIdentity IS TRUE }',
  '{ $.eventVersion >= 1.08 }', '{ $.eventVersion = 1.08 }', '{ $.eventVersion != 1.08 }', '{ $.eventVersion < 1.1 }', '{ $.eventName != 5 }',
  '{ $.eventName = %^Describe% }', '{ $.eventName != %List% }', '{ $.sourceIPAddress = %^[0-9]{1,3}\\.% }',
  '{ $.eventName = "*Bucket*" }', '{ $.eventName = Get* && $.errorCode = * }', '{ $.userAgent = "*%*" }', '{ $.userAgent = "*_*" }',
  '{ $.userAgent = "odd%agent*" }', '{ $.eventName = "" }', '{ $.eventName != "" }', '{ $.eventName = "**" }',
  '{ $.resources[0].ARN = "arn:aws:s3*" }', '{ $.resources[0].type NOT EXISTS }', '{ $.resources[1].type = * }',
  '{ $.tlsDetails.tlsVersion = "TLSv1.3" }', '{ $.tlsDetails.tlsVersion != "TLSv1.3" }',
  '{ $.additionalEventData.MFAUsed = "No" || $.responseElements.ConsoleLogin != "Success" }',
  '{ $.requestParameters.maxResults > 10 }', '{ $.requestParameters.maxResults = 50 }', '{ $.requestParameters.maxResults != 50 }',
  '{ $.requestParameters.maxResults = 5* }', '{ $.requestParameters.maxResults = "7" }', '{ $.requestParameters.neg < 0 }',
  '{ $.requestParameters.flag IS TRUE }', '{ $.requestParameters.off IS FALSE }', '{ $.requestParameters.flag = "true" }', '{ $.requestParameters.flag != "x" }',
  '{ $.requestParameters.nothing IS NULL }', '{ $.requestParameters.nothing NOT EXISTS }', '{ $.requestParameters.nothing = "null" }',
  '{ $.requestParameters.obj = * }', '{ $.requestParameters.obj != "x" }', '{ $.requestParameters.obj.a = 1 }', '{ $.requestParameters.obj = "{*" }',
  '{ $.requestParameters.list[1] = two }', '{ $.requestParameters.list[0] = 1 }', '{ $.requestParameters.list[5] NOT EXISTS }',
  '{ $.requestParameters.str = 50 }', '{ $.requestParameters.str = %^fi% }', '{ $.requestParameters.str != %^fi% }',
  '{ $.requestParameters.x-amz-acl = "private" }', '{ $.requestParameters.[\'a.b\'] = dotted }', '{ $.requestParameters.bucketName = * }',
  '{ $.requestParameters.bucketName != "x" }', '{ $.requestParameters.ipPermissions.items[0].ipRanges.items[0].cidrIp = "0.0.0.0/0" }',
  '{ ($.eventName = ConsoleLogin || $.eventName = GetCallerIdentity) && $.readOnly IS TRUE || $.errorCode = "AccessDenied*" }',
];

/** Patterns the CloudTrail table refuses (the JSON-text column compiles them), and why. */
const TABLE_REFUSALS: Record<string, RegExp> = {
  '{ $.requestParameters IS NULL }': /requestParameters set to null and a missing requestParameters alike/,
  '{ $.requestParameters NOT EXISTS }': /requestParameters set to null and a missing requestParameters alike/,
  '{ $.requestParameters = "x" }': /holds requestParameters as JSON text: compare one of its fields/,
  '{ $.resources NOT EXISTS }': /CloudTrail writes resources as null/,
  '{ $.errorCode IS NULL }': /IS NULL is not compiled/,
  '{ $.managementEvent IS TRUE }': /'managementEvent' is not a field of the CloudTrail table/,
  '{ $.sourceIpAddress = "1.2.3.4" }': /case sensitive: CloudTrail writes 'sourceIPAddress'/,
  '{ $.eventName.x = "a" }': /eventName is a string field: there is nothing below it/,
  '{ $.userIdentity.sessionContext.webIdFederationData.attributes.aud = "a" }': /attributes is a map column/,
};

/** Refused everywhere. */
const REFUSALS: Record<string, RegExp> = {
  '{ $.resources[*].ARN = "arn:*" }': /wildcard selectors/,
  '{ $.* = "x" }': /wildcard selectors/,
};

/**
 * Whether a record spells a column's key in another case than CloudTrail does (`principalid` for
 * `principalId`, `arn` for `ARN`): Athena's JsonSerDe reads such a key into the column, a filter pattern
 * (case sensitive) does not see it. CloudTrail itself always writes its keys one way; some sanitised test
 * fixtures do not.
 */
function caseVariant(value: unknown, columns: readonly Column[] = CLOUDTRAIL_COLUMNS): boolean {
  if (Array.isArray(value)) return value.some((e) => caseVariant(e, columns));
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([key, v]) => {
    const column = columns.find((c) => c.field.toLowerCase() === key.toLowerCase());
    if (column === undefined) return false;
    return column.field !== key || (column.fields !== undefined && caseVariant(v, column.fields));
  });
}

function check(result: SqlResult): string {
  if ('refusal' in result) throw new Error(`refused: ${result.refusal.message}`);
  return result.sql;
}

function expected(records: readonly NamedRecord[], pattern: string): string[] {
  const p = JsonFilterPattern.parse(pattern);
  return records.filter((r) => p.matches(r.record)).map((r) => r.id).sort();
}

async function selected(connection: DuckDBConnection, sql: string): Promise<string[]> {
  return (await select(connection, sql)).sort();
}

describe('filter pattern -> SQL, in DuckDB over the CloudTrail corpus', () => {
  const records = [...corpus(), ...EDGES];
  let db: { connection: DuckDBConnection; close: () => void };
  beforeAll(async () => {
    db = await loadRecords(records);
  });
  afterAll(() => db.close());

  // The table-shaped comparisons leave these out (see caseVariant); the JSON-column ones keep every record.
  const variants = new Set(records.filter((r) => caseVariant(r.record)).map((r) => r.id));
  const onTable = (ids: string[]) => ids.filter((id) => !variants.has(id));

  test('the records whose keys differ in case from CloudTrail\'s are these four sanitised Panther fixtures', () => {
    expect([...variants].sort()).toEqual([
      'cloudtrail-events/020_root_usage-NEG__panther_AssumeRole.json',
      'cloudtrail-events/030_unauthorized__panther_AuthorizeSecurityGroupIngress.json',
      'cloudtrail-events/043_unauthorized-NEG__panther_GetBucketLifecycle.json',
      'cloudtrail-events/121_s3_policy__panther_PutBucketLifecycle.json',
    ]);
  });

  test('the corpus is loaded (every record, in both shapes)', async () => {
    expect(records.length).toBeGreaterThanOrEqual(125);
    expect(await selected(db.connection, 'TRUE')).toEqual(records.map((r) => r.id).sort());
  });

  const detections = Detections.everything();
  const detectionPatterns = detections.flatMap((d) => [
    [d.id, d.filterPattern],
    ...d.additionalFilterPatterns.map((p, i) => [`${d.id} (additional pattern ${i + 1})`, p]),
  ]);
  test('the detections with additional patterns are in the list (CloudWatch.13, CIS.4.15)', () => {
    expect(detectionPatterns.filter(([id]) => id.includes('additional')).map(([id]) => id)).toEqual(expect.arrayContaining([
      'CloudWatch.13 (additional pattern 1)', 'CIS.4.15 (additional pattern 1)',
    ]));
  });
  test.each(detectionPatterns)('%s selects exactly the records its filter pattern matches', async (_id, pattern) => {
    const want = expected(records, pattern);
    const table = check(compileToSql(pattern, { dialect: SqlDialect.DUCKDB }));
    const json = check(compileToSql(pattern, { dialect: SqlDialect.DUCKDB, jsonColumn: 'record' }));
    expect(onTable(await selected(db.connection, table))).toEqual(onTable(want));
    expect(await selected(db.connection, json)).toEqual(want);
    // The same translation compiles for Athena.
    expect(check(compileToSql(pattern, { dialect: SqlDialect.ATHENA }))).not.toMatch(/json_extract_string|regexp_matches/);
  });

  test('a detection\'s query selects the records any of its patterns matches (the patterns ORed)', async () => {
    for (const d of detections.filter((x) => x.additionalFilterPatterns.length > 0)) {
      const union = [...new Set([d.filterPattern, ...d.additionalFilterPatterns].flatMap((p) => expected(records, p)))].sort();
      const predicate = detectionPredicate(d, SqlDialect.DUCKDB, 'test');
      expect(onTable(await selected(db.connection, predicate))).toEqual(onTable(union));
    }
  });

  test('every detection matches at least one record and misses at least one (the test can fail)', () => {
    for (const d of detections) {
      const n = expected(records, d.filterPattern).length;
      expect([d.id, n > 0 && n < records.length]).toEqual([d.id, true]);
    }
  });

  test.each(EDGE_PATTERNS)('edge case %s', async (pattern) => {
    const want = expected(records, pattern);
    expect(onTable(await selected(db.connection, check(compileToSql(pattern, { dialect: SqlDialect.DUCKDB }))))).toEqual(onTable(want));
    expect(await selected(db.connection, check(compileToSql(pattern, { dialect: SqlDialect.DUCKDB, jsonColumn: 'record' })))).toEqual(want);
  });

  test('known difference: a JSON-text field that a record holds as a string of JSON is read as that JSON by the table', async () => {
    // CloudTrail writes serviceEventDetails as an object; this sanitised Panther fixture holds it as a string.
    const pattern = '{ $.serviceEventDetails.createAccountStatus.state = "SUCCEEDED" }';
    const record = 'cloudtrail-events/176_organizations-NEG__panther_CreateAccountResult.json';
    expect(expected(records, pattern)).not.toContain(record);
    expect(await selected(db.connection, check(compileToSql(pattern, { dialect: SqlDialect.DUCKDB })))).toContain(record);
    expect(await selected(db.connection, check(compileToSql(pattern, { dialect: SqlDialect.DUCKDB, jsonColumn: 'record' })))).toEqual(expected(records, pattern));
  });

  test.each(Object.entries(TABLE_REFUSALS))('the table refuses %s (the JSON column does not)', async (pattern, reason) => {
    for (const dialect of [SqlDialect.ATHENA, SqlDialect.DUCKDB]) {
      const result = compileToSql(pattern, { dialect });
      expect('refusal' in result && result.refusal.message).toMatch(reason);
    }
    const want = expected(records, pattern);
    expect(await selected(db.connection, check(compileToSql(pattern, { dialect: SqlDialect.DUCKDB, jsonColumn: 'record' })))).toEqual(want);
  });

  test.each(Object.entries(REFUSALS))('%s is refused in every shape and dialect', (pattern, reason) => {
    for (const dialect of [SqlDialect.ATHENA, SqlDialect.DUCKDB]) {
      for (const jsonColumn of [undefined, 'record']) {
        const result = compileToSql(pattern, { dialect, jsonColumn });
        expect('refusal' in result && result.refusal.message).toMatch(reason);
      }
    }
  });
});

/** The AWS page's example events (test/filter-pattern/aws-doc-examples.test.ts) and the values its examples test. */
const DOC_EVENTS: NamedRecord[] = [
  {
    id: 'doc/log-event',
    record: {
      'eventType': 'UpdateTrail',
      'sourceIPAddress': '111.111.111.111',
      'arrayKey': ['value', 'another value'],
      'objectList': [{ name: 'a', id: 1 }, { name: 'b', id: 2 }],
      'SomeObject': null,
      'ThisFlag': true,
      'cluster.name': 'c',
    },
  },
  {
    id: 'doc/compound-event',
    record: {
      user: { id: 1, email: 'John.Stiles@example.com' },
      users: [{ id: 2, email: 'John.Doe@example.com' }, { id: 3, email: 'Jane.Doe@example.com' }],
      actions: ['GET', 'PUT', 'DELETE'],
      coordinates: [[0, 1, 2], [4, 5, 6], [7, 8, 9]],
    },
  },
  ...[
    { eventType: 'DeleteTrail' }, { sourceIPAddress: '123.123.4.5' }, { arrayKey: 'value' }, { arrayKey: { 0: 'value' } }, { eventType: 'UpdateTrial' },
    { cluster: { name: 'c' } }, { SomeObject: {} }, { SomeOtherObject: 'x' }, { objectList: [1, 2] }, { objectList: [{}, { name: 'b' }] },
    { ThisFlag: false }, { users: [1, 2, 3] }, { latency: 50, requestType: 'GET' }, { requestType: 'GET' },
    { bandwidth: 76 }, { bandwidth: 75 }, { latency: 49.9 }, { refreshRate: 60 }, { refreshRate: 59 }, { responseTime: 5 }, { responseTime: 5.01 },
    { errorCode: 400 }, { errorCode: 401 }, { errorCode: 500 }, { number: [1000] }, { number: [100] }, { number: [1] }, { number: [0.001] },
    { latency: 500 }, { latency: 499 }, { numbers: [9999] }, { numbers: [10000] }, { numbers: [0.009] }, { numbers: [0.01] },
    { processes: [0, 0, 0, 0, { averageRuntime: 55.5 }] }, { processes: [0, 0, 0, 0, { averageRuntime: 55.6 }] },
    { latency: 1001 }, { latency: 1000 },
    { eventName: 'PutEvent' }, { eventName: 'GetEvent' }, { eventName: 'EventId' }, { eventName: 'EventName' }, { eventName: 'Ev*ent' }, { eventName: 'Event' },
    { eventName: 'EvXent' },
    // Events that the page's "doesn't match" examples do match, so that every example selects something.
    { arrayKey: ['x', 'value'] }, { SomeOtherObject: null }, { eventType: null }, { objectList: [{ id: 2 }] },
    { user: { id: 1 }, users: [{}, { email: 'John.Doe@example.com' }] }, { user: { id: 2 }, users: [{ email: 'nonmatch' }] },
    { user: { email: 'John.Stiles@example.com' }, actions: ['a', 'b', 'nonmatch'] }, { user: { email: 'John.Stiles@example.com' }, actions: ['a', 'b', 'nomatch'] },
    { users: 1 }, { users: 2 }, { users: '1' }, { users: true },
    ...['[ERROR 401] UNAUTHORIZED REQUEST', '[SUCCESS 200] authorized request', 'hat trick', 'cat', 'a hat', 'hats', 'color', 'colour', 'colouur', 'b', 'd',
      'q', 'Q', 'y', 'w', 'aaa', 'aa', 'aaaaa', 'aaaaaa', 'a', 'gray', 'grey', 'groy', 'starting ...', 'shutting down', 'skipping initializing ...',
      'abcc ...', 'aba', 'aac ...', '[a]', '[]]', '[ab]', '10.10.0.1', '10010,051', 'ac', 'abbbc', 'adc', 'ab129', 'ab12x', 'bat', '#at', ' at', 'at',
      '7', 'x', 'a\tb', 'a-b', 'a_Z9', 'a b', 'a:b', 'f(x)', 'fx'].map((v) => ({ v })),
  ].map((record, i) => ({ id: `doc/${String(i).padStart(3, '0')}`, record })),
];

const DOC_PATTERNS = [
  '{ $.eventType = "UpdateTrail" }', '{ $.sourceIPAddress != 123.123.* }', '{ $.arrayKey[0] = "value" }', '{ $.arrayKey[1] = "value" }',
  '{ $.eventType = %Trail% }', '{ $.[\'cluster.name\'] = "c" }', '{ $.cluster.name = "c" }', '{ $.SomeObject IS NULL }', '{ $.SomeOtherObject IS NULL }',
  '{ $.eventType IS NULL }', '{ $.SomeOtherObject NOT EXISTS }', '{ $.SomeObject NOT EXISTS }', '{ $.objectList[1].id = 2 }', '{ $.objectList[0].id = 2 }',
  '{ $.ThisFlag IS TRUE }', '{ $.ThisFlag IS FALSE }',
  '{ ($.user.id = 1) && ($.users[0].email = "John.Doe@example.com") }', '{ ($.user.id = 1) && ($.users[1].email = "John.Doe@example.com") }',
  '{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = "nonmatch" && $.actions[2] = "nonmatch" }',
  '{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = "nonmatch") && $.actions[2] = "nonmatch" }',
  '{ ($.user.id = 2 && $.users[0].email = "nonmatch") || $.actions[2] = "GET" }', '{ ($.user.id = 2 && $.users[0].email = "nonmatch") || $.actions[0] = "GET" }',
  '{ $.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch && $.actions[2] = nomatch }',
  '{ ($.user.email = "John.Stiles@example.com" || $.coordinates[0][1] = nonmatch) && $.actions[2] = nomatch }',
  '{$.users = 1}', '{$.users != 1}', '{$.users[0] = 1}',
  '{ $.bandwidth > 75 }', '{ $.latency < 50 }', '{ $.refreshRate >= 60 }', '{ $.responseTime <= 5 }', '{ $.errorCode = 400}', '{ $.errorCode != 500 }',
  '{ $.number[0] = 1e+3 }', '{ $.number[0] != 1e-3 }', '{ $.latency >= 500 }', '{ $.numbers[0] < 10e3 }', '{ $.numbers[0] < 10e-3 }',
  '{ $.processes[4].averageRuntime <= 55.5 }', '{ $.latency > +1000 }', '{ $.latency = * }',
  '{ $.eventName = *Event }', '{ $.eventName = Event* }', '{ $.eventName = "Ev*ent" }', '{ $.eventName = Ev*ent }',
  ...['AUTHORIZED', '^[hc]at', '[hc]at$', 'colou?r', '[abc]', '[a-z]', '[abcx-z]', 'a{3,5}', '^a{3,5}$', '^a{,2}$', '^a{2,}$', '^a{2, 3}$', 'gra|ey',
    '^starting|^initializing|^shutting down', 'abcc|ab[^c]$', '\\[.\\]', '10\\.10\\.0\\.1', '10.10.0.1', 'ab*c', '^ab[0-9]*$', 'ab+c', '.at', '^\\d$',
    '^\\D$', 'a\\sb', '^\\S+$', '^\\w+$', '\\W', '\\x3A', '\\x28'].map((r) => `{ $.v = %${r}% }`),
];

const DOC_REFUSED = [
  '{ $.arrayKey[*] = %val.{2}% }', '{ $.* = %111\\.111\\.111\\.1[0-9]{1,2}% }',
  '{ $.users[*].id = 3 || $.actions[*] = "PUT" || $.coordinates[*][0] = 4 }',
];

describe('filter pattern -> SQL, in DuckDB over the AWS documentation examples (one JSON column)', () => {
  let db: { connection: DuckDBConnection; close: () => void };
  beforeAll(async () => {
    db = await loadRecords(DOC_EVENTS);
  });
  afterAll(() => db.close());

  test.each(DOC_PATTERNS)('%s selects exactly the example events the evaluator matches', async (pattern) => {
    const want = expected(DOC_EVENTS, pattern);
    expect(await selected(db.connection, check(compileToSql(pattern, { dialect: SqlDialect.DUCKDB, jsonColumn: 'record' })))).toEqual(want);
  });

  test('every example both matches and misses some event (the test can fail)', () => {
    expect(DOC_PATTERNS.filter((p) => expected(DOC_EVENTS, p).length === DOC_EVENTS.length)).toEqual([]);
    expect(DOC_PATTERNS.filter((p) => expected(DOC_EVENTS, p).length === 0)).toEqual([]);
  });

  test.each(DOC_REFUSED)('%s (a wildcard selector) is refused', (pattern) => {
    const result = compileToSql(pattern, { dialect: SqlDialect.DUCKDB, jsonColumn: 'record' });
    expect('refusal' in result && result.refusal.message).toMatch(/wildcard selectors/);
  });
});
