/**
 * The SQL texts of `ArchiveQueries`' named queries and of the `sql` command: one query per detection,
 * compiled from its filter pattern, and the investigation queries a responder needs.
 *
 * Every query of the Athena dialect bounds its scan with the date partition (`"timestamp" BETWEEN ? AND ?`,
 * `yyyy/MM/dd`, the day the log file was delivered): the `?` are execution parameters that the Athena
 * console asks for (or `aws athena start-query-execution --execution-parameters`). The DuckDB dialect
 * reads a local table with the same columns and no partitions: it bounds `eventtime` instead.
 *
 * Internal module: not public API.
 */
import { compilePredicate, SqlDialect, sqlString } from '../filter-pattern/sql';

/** What a detection query needs of a detection. */
export interface QueryDetection {
  readonly id: string;
  readonly title: string;
  readonly filterPattern: string;
  /** Further patterns on the same metric (`DetectionProps.additionalFilterPatterns`): an event of any pattern is the detection's. */
  readonly additionalFilterPatterns?: string[];
}

/**
 * The predicate of a detection: its filter pattern compiled, or with additional patterns each
 * compiled and joined with `OR` (the detection counts an event any of its metric filters match).
 */
export function detectionPredicate(detection: QueryDetection, dialect: SqlDialect, where: string): string {
  const patterns = [detection.filterPattern, ...(detection.additionalFilterPatterns ?? [])];
  const predicates = patterns.map((p) => compilePredicate(p, { dialect }, where));
  return predicates.length === 1 ? predicates[0] : predicates.map((p) => `(${p})`).join('\n  OR ');
}

/** A named query. */
export interface HistoryQuery {
  /** The Athena named query name (≤ 128 characters). */
  readonly name: string;
  /** What it answers (≤ 1,024 characters). */
  readonly description: string;
  /** The SQL. */
  readonly sql: string;
}

/** Where the queries read. */
export interface QueryTable {
  readonly dialect: SqlDialect;
  /** The table, as SQL (already quoted), e.g. `"cloudtrail_archive"."cloudtrail"`. */
  readonly table: string;
}

const COLUMNS = [
  'eventtime', 'recipientaccountid', 'awsregion', 'eventsource', 'eventname',
  'useridentity.type AS identity_type', 'useridentity.arn AS principal', 'sourceipaddress', 'errorcode', 'eventid',
];

/** The window condition: the partition for Athena, the event time for DuckDB. */
function windowOf(dialect: SqlDialect): string {
  return dialect === SqlDialect.ATHENA
    ? '"timestamp" BETWEEN ? AND ? -- delivery days, yyyy/MM/dd: bounds the bytes scanned'
    : 'eventtime BETWEEN ? AND ? -- ISO 8601 UTC, e.g. 2026-11-01T00:00:00Z';
}

function indent(text: string, pad: string): string {
  return text.split('\n').join(`\n${pad}`);
}

/** `-- ` comment lines (a filter pattern is one line, but keep any newline out of the SQL). */
function comment(text: string): string {
  return text.split(/\r?\n/).map((l) => `-- ${l}`).join('\n');
}

/**
 * The query of a detection: the matching events in a window, newest last.
 *
 * @param where the property to name when the pattern cannot be compiled
 */
export function detectionQuery(detection: QueryDetection, table: QueryTable, where: string): HistoryQuery {
  const predicate = detectionPredicate(detection, table.dialect, where);
  const extra = detection.additionalFilterPatterns ?? [];
  const sql = [
    `-- ${detection.id}: ${detection.title}`,
    comment(`filter pattern: ${detection.filterPattern}`),
    ...extra.map((p) => comment(`or filter pattern: ${p}`)),
    `SELECT ${COLUMNS.join(', ')}`,
    `FROM ${table.table}`,
    `WHERE ${windowOf(table.dialect)}`,
    `  AND ${extra.length > 0 ? `(${indent(predicate, '  ')})` : indent(predicate, '  ')}`,
    'ORDER BY eventtime',
  ].join('\n');
  return {
    name: `${detection.id} ${detection.title}`.slice(0, 128),
    description: `The events of detection ${detection.id} (${detection.title}) in a window of delivery days: its filter pattern compiled to SQL.`,
    sql,
  };
}

/** What the investigation queries need to know of the archive. */
export interface InvestigationContext {
  /** The archive bucket's name (may be a token). */
  readonly bucketName: string;
}

/** A pattern compiled for the Athena table, for the investigation queries. */
function compiled(pattern: string, table: QueryTable, name: string): string {
  return compilePredicate(pattern, { dialect: table.dialect }, `ArchiveQueries investigation query '${name}'`);
}

/** The investigation queries a responder needs. */
export function investigationQueries(table: QueryTable, context: InvestigationContext): HistoryQuery[] {
  const w = windowOf(table.dialect);
  const unauthorized = compiled('{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}', table, 'access denied');
  const noMfa = compiled('{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") }', table, 'console sign-ins without MFA');
  const trailNames = ['CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging', 'PutEventSelectors', 'PutInsightSelectors'];
  const bucketNames = ['PutBucketPolicy', 'DeleteBucketPolicy', 'PutBucketLifecycle', 'DeleteBucketLifecycle', 'PutBucketVersioning',
    'PutObjectLockConfiguration', 'PutBucketReplication', 'DeleteBucketReplication', 'PutBucketAcl', 'PutBucketEncryption',
    'DeleteBucketEncryption', 'PutBucketPublicAccessBlock', 'DeleteBucketPublicAccessBlock', 'DeleteBucket', 'DeleteObject', 'DeleteObjects'];
  const keyNames = ['DisableKey', 'ScheduleKeyDeletion', 'PutKeyPolicy', 'CreateGrant', 'DisableKeyRotation'];
  const any = (names: string[]) => names.map((n) => `($.eventName = ${n})`).join(' || ');
  const changes = compiled(
    `{ (($.eventSource = cloudtrail.amazonaws.com) && (${any(trailNames)}))`
    + ` || (($.eventSource = s3.amazonaws.com) && ($.requestParameters.bucketName = ${JSON.stringify(context.bucketName)}) && (${any(bucketNames)}))`
    + ` || (($.eventSource = kms.amazonaws.com) && (${any(keyNames)})) }`,
    table, 'trail and archive changes');
  const principal = 'useridentity.arn, useridentity.sessioncontext.sessionissuer.arn, useridentity.principalid, useridentity.username';
  return [
    {
      name: 'Investigation: everything a principal did',
      description: 'Every event of one principal (an IAM user or role ARN, an assumed-role session ARN, a principal ID or user name) in a window of delivery days.',
      sql: [
        '-- Everything a principal did: parameters are the first and last delivery day and the principal',
        '-- (the ARN of a user, role or assumed-role session, a principal ID, or a user name)',
        `SELECT ${COLUMNS.join(', ')}, requestparameters, responseelements`,
        `FROM ${table.table}`,
        `WHERE ${w}`,
        `  AND ? IN (${principal})`,
        'ORDER BY eventtime',
      ].join('\n'),
    },
    {
      name: 'Investigation: root user activity',
      description: 'Every event of the root user of any account in a window of delivery days (including actions that AWS services invoked for it).',
      sql: [
        '-- Root user activity, by account',
        `SELECT ${COLUMNS.join(', ')}, useridentity.invokedby`,
        `FROM ${table.table}`,
        `WHERE ${w}`,
        `  AND ${compiled('{ $.userIdentity.type = "Root" }', table, 'root activity')}`,
        'ORDER BY recipientaccountid, eventtime',
      ].join('\n'),
    },
    {
      name: 'Investigation: access denied by principal and API',
      description: 'Calls refused for lack of permission (the CloudWatch.2 filter pattern) counted by principal and API in a window of delivery days.',
      sql: [
        '-- Access denied, by principal and API (the CloudWatch.2 filter pattern)',
        'SELECT useridentity.arn AS principal, eventsource, eventname, errorcode, count(*) AS calls,',
        '       min(eventtime) AS first_seen, max(eventtime) AS last_seen, count(DISTINCT sourceipaddress) AS source_ips',
        `FROM ${table.table}`,
        `WHERE ${w}`,
        `  AND ${indent(unauthorized, '  ')}`,
        'GROUP BY 1, 2, 3, 4',
        'ORDER BY calls DESC',
      ].join('\n'),
    },
    {
      name: 'Investigation: console sign-ins without MFA',
      description: 'Console sign-ins without MFA by any identity, successful or not (the CIS 4.2 filter pattern), in a window of delivery days.',
      sql: [
        '-- Console sign-ins without MFA, any identity and outcome (the CIS 4.2 filter pattern)',
        'SELECT eventtime, recipientaccountid, useridentity.type AS identity_type, useridentity.arn AS principal, sourceipaddress, useragent,',
        `       ${table.dialect === SqlDialect.ATHENA ? 'json_extract_scalar' : 'json_extract_string'}(responseelements, '$.ConsoleLogin') AS outcome`,
        `FROM ${table.table}`,
        `WHERE ${w}`,
        `  AND ${indent(noMfa, '  ')}`,
        'ORDER BY eventtime',
      ].join('\n'),
    },
    {
      name: 'Investigation: changes to the trail and the archive',
      description: 'CloudTrail trail changes, policy, lifecycle, lock, replication, encryption and deletion calls on the archive bucket, and KMS key disabling, deletion and policy changes, in a window of delivery days.',
      sql: [
        `-- Changes to the trail and the archive (bucket ${context.bucketName})`,
        `SELECT ${COLUMNS.join(', ')}, requestparameters`,
        `FROM ${table.table}`,
        `WHERE ${w}`,
        `  AND ${indent(changes, '  ')}`,
        'ORDER BY eventtime',
      ].join('\n'),
    },
  ];
}

/** A SQL string literal (re-exported for the construct). */
export { sqlString };
