import { ArnFormat, Duration, Stack, Token } from 'aws-cdk-lib';
import { CfnNamedQuery, CfnWorkGroup } from 'aws-cdk-lib/aws-athena';
import { CfnDatabase, CfnTable } from 'aws-cdk-lib/aws-glue';
import { Grant, IGrantable, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { IKey } from 'aws-cdk-lib/aws-kms';
import { Bucket, CfnBucket, IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { archiveLocation, archiveTableInput } from './archive-table';
import { DEFAULT_DATABASE_NAME, DEFAULT_TABLE_NAME } from './names';
import { detectionQuery, investigationQueries } from './queries';
import { Detection, Detections } from '../detections';
import { SqlDialect, sqlIdentifier } from '../filter-pattern/sql';
import { ILogArchive } from '../log-archive/ilog-archive';
import { securedBucketProps } from '../private/buckets';
import { acknowledge } from '../private/compliance';
import { CloudTrailBaselineError } from '../private/errors';
import { baselineKey } from '../private/keys';
import { claimPhysicalName } from '../private/physical-names';
import { checkNoDuplicates, checkProps, requireLiteral } from '../private/props-schema';
import { schemas } from '../private/schemas';
import { checkAccountId, checkOrganizationId, checkRegion, wholeDays } from '../private/validate';

/** Properties of `ArchiveQueries`. */
export interface ArchiveQueriesProps {
  /**
   * The log archive the table reads: its bucket, S3 key prefix and KMS key (`ILogArchive`). A
   * `LogArchive` of this stack, or an imported one (`LogArchive.fromLogArchiveAttributes()`), also of
   * another account: the readers then need the archive owner's bucket and key policies (see `grantQuery`).
   */
  readonly logArchive: ILogArchive;

  /**
   * The organization whose trail writes to the archive: the table reads the organization layout,
   * `[prefix/]AWSLogs/<o-org>/<account>/CloudTrail/<region>/YYYY/MM/DD/`. Without it, the account layout of
   * account trails, `[prefix/]AWSLogs/<account>/CloudTrail/<region>/YYYY/MM/DD/`.
   *
   * @default - the account layout
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-trail-organization.html
   */
  readonly organizationId?: string;

  /**
   * The accounts whose log files the table reads (partition projection `enum` of the `account`
   * partition): 12-digit IDs, at least one. A query of an account not listed reads nothing.
   */
  readonly accounts: string[];

  /** The regions whose log files the table reads (partition projection `enum` of the `region` partition), at least one. */
  readonly regions: string[];

  /**
   * The first delivery day the date projection enumerates, `YYYY/MM/DD`. A query without a
   * `"timestamp"` condition lists every day since (for every account and region): keep it close to the
   * archive's oldest log file.
   *
   * @default '2025/01/01'
   */
  readonly projectionStartDate?: string;

  /**
   * The detections that get a named query (their filter patterns compiled to SQL).
   *
   * @default Detections.everything() (the 15 defaults and the 4 variants)
   */
  readonly detections?: Detection[];

  /** The Glue database name (lower case letters, digits, `_`). @default 'cloudtrail_archive' */
  readonly databaseName?: string;

  /** The Glue table name (lower case letters, digits, `_`). @default 'cloudtrail' */
  readonly tableName?: string;

  /** The Athena workgroup name. @default 'cloudtrail-history' */
  readonly workGroupName?: string;

  /**
   * The most bytes one query may scan before Athena cancels it (`BytesScannedCutoffPerQuery`), at least
   * 10 MB (10,000,000 bytes). At $5 per TB scanned, the default caps a query at about $5; one month of a
   * 100-account organization is about 100 GB (docs/history.md).
   *
   * @default 1,099,511,627,776 bytes (1 TiB)
   * @see https://docs.aws.amazon.com/athena/latest/ug/workgroups-setting-control-limits-cloudwatch.html
   */
  readonly bytesScannedCutoffPerQuery?: number;

  /**
   * How long query results are kept in the results bucket (whole days, at least 1).
   *
   * @default Duration.days(30)
   */
  readonly resultsExpiration?: Duration;

  /**
   * The bucket that receives the server access logs of the results bucket (under `athena-results/`), e.g.
   * `LogArchive.accessLogsBucket` when the queries live in the log archive account. It must accept S3
   * server access logs (SSE-S3 encrypted, no Object Lock).
   *
   * @default - the results bucket's access is not logged (CloudTrail still logs the Athena calls)
   * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html
   */
  readonly serverAccessLogsBucket?: IBucket;
}

const NAME = /^[a-z0-9_]{1,255}$/;
const WORKGROUP = /^[A-Za-z0-9._-]{1,128}$/;
const DATE = /^\d{4}\/(0[1-9]|1[0-2])\/(0[1-9]|[12]\d|3[01])$/;
const MIN_CUTOFF = 10_000_000;
const P = 'ArchiveQueriesProps';

/**
 * Athena over the CloudTrail log archive: a Glue database and table (the Athena user guide's CloudTrail
 * table, every column, with partition projection on account, region and delivery day, reading the
 * `CloudTrail/` folders only), an Athena workgroup (engine version 3, enforced settings, results
 * encrypted with a KMS key in a bucket that expires them, a per-query bytes-scanned cutoff), and named
 * queries: one per detection, its filter pattern compiled to SQL (`FilterPatternSql`), and the
 * investigations a responder starts with (everything a principal did, root activity, access denied by
 * principal and API, console sign-ins without MFA, changes to the trail and the archive).
 *
 * Every named query takes the delivery days as execution parameters (`"timestamp" BETWEEN ? AND ?`), which
 * bound the bytes scanned: see docs/history.md for the cost of a day, a month and a year.
 *
 * @see https://docs.aws.amazon.com/athena/latest/ug/create-cloudtrail-table-partition-projection.html
 * @see https://docs.aws.amazon.com/athena/latest/ug/workgroups-settings-override.html
 */
export class ArchiveQueries extends Construct {
  /** The Glue database name. */
  public readonly databaseName: string;
  /** The Glue table name. */
  public readonly tableName: string;
  /** The Athena workgroup name. */
  public readonly workGroupName: string;
  /** The bucket of the query results. */
  public readonly resultsBucket: IBucket;
  /** The KMS key of the query results. */
  public readonly resultsKey: IKey;
  /** The S3 location the table reads under, e.g. `s3://<bucket>/AWSLogs/o-a1b2c3d4e5/`. */
  public readonly tableLocation: string;
  /** The names of the named queries, in order: the detections', then the investigations'. */
  public readonly namedQueryNames: string[];

  private readonly logArchive: ILogArchive;
  private readonly workGroupArn: string;

  /**
   * @throws Error (`CloudTrailBaselineError`) naming the prop: an account that is not 12 digits, a region
   * that is not a region code, no account or region, duplicates, a bad organization ID, start date
   * (`YYYY/MM/DD`), database, table or workgroup name, a cutoff under 10 MB, a results expiration that is
   * not whole days; or a detection whose filter pattern SQL cannot express (the reason is named).
   */
  constructor(scope: Construct, id: string, props: ArchiveQueriesProps) {
    super(scope, id);
    checkProps(P, props, schemas.ArchiveQueriesProps(), ['logArchive', 'accounts', 'regions']);
    const stack = Stack.of(this);
    if (props.organizationId !== undefined) checkOrganizationId(`${P}.organizationId`, props.organizationId);
    for (const [prop, list, check] of [['accounts', props.accounts, checkAccountId], ['regions', props.regions, checkRegion]] as const) {
      if (list.length === 0) throw new CloudTrailBaselineError(`${P}.${prop}`, 'must list at least one value (the partition projection enumerates them)');
      list.forEach((v, i) => {
        requireLiteral(`${P}.${prop}[${i}]`, v, 'the partition projection lists the values in the table');
        check(`${P}.${prop}[${i}]`, v);
      });
      checkNoDuplicates(`${P}.${prop}`, list);
    }
    const startDate = props.projectionStartDate ?? '2025/01/01';
    if (!DATE.test(startDate)) throw new CloudTrailBaselineError(`${P}.projectionStartDate`, `must be a day as YYYY/MM/DD, e.g. 2025/01/01 (got '${startDate}')`);
    this.databaseName = checkName(`${P}.databaseName`, props.databaseName ?? DEFAULT_DATABASE_NAME, NAME, 'lower case letters, digits and _');
    this.tableName = checkName(`${P}.tableName`, props.tableName ?? DEFAULT_TABLE_NAME, NAME, 'lower case letters, digits and _');
    this.workGroupName = checkName(`${P}.workGroupName`, props.workGroupName ?? 'cloudtrail-history', WORKGROUP, 'letters, digits, ., - and _');
    claimPhysicalName(this, 'Glue database', this.databaseName, `${P}.databaseName`);
    claimPhysicalName(this, 'Athena workgroup', this.workGroupName, `${P}.workGroupName`);
    const cutoff = props.bytesScannedCutoffPerQuery ?? 1024 ** 4;
    if (!Token.isUnresolved(cutoff) && (!Number.isSafeInteger(cutoff) || cutoff < MIN_CUTOFF)) {
      throw new CloudTrailBaselineError(`${P}.bytesScannedCutoffPerQuery`, `must be a whole number of bytes, at least ${MIN_CUTOFF.toLocaleString('en-US')} (10 MB, Athena's minimum) (got ${cutoff})`);
    }
    const expirationDays = wholeDays(`${P}.resultsExpiration`, props.resultsExpiration ?? Duration.days(30));
    if (expirationDays < 1) throw new CloudTrailBaselineError(`${P}.resultsExpiration`, 'must be at least 1 day');
    this.logArchive = props.logArchive;

    // Query results: encrypted with a key of their own, never public, TLS only, expired.
    this.resultsKey = baselineKey(this, 'ResultsKey', `Encrypts the Athena query results of workgroup ${this.workGroupName} (CloudTrail history)`);
    this.resultsBucket = new Bucket(this, 'ResultsBucket', {
      ...securedBucketProps(this.resultsKey),
      lifecycleRules: [{
        id: 'ExpireQueryResults',
        expiration: Duration.days(expirationDays),
        noncurrentVersionExpiration: Duration.days(1),
        abortIncompleteMultipartUploadAfter: Duration.days(1),
      }],
    });
    // Events to EventBridge (Control Tower CT.S3.PR.4), on the L1: the L2's eventBridgeEnabled adds a custom resource.
    (this.resultsBucket.node.defaultChild as CfnBucket).notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };
    acknowledge(this.resultsBucket, ['NIST.800.53.R5-S3BucketReplicationEnabled', 'HIPAA.Security-S3BucketReplicationEnabled', 'PCI.DSS.321-S3BucketReplicationEnabled'],
      'Athena query results are transient copies that expire; the log archive they are computed from is the record');
    if (props.serverAccessLogsBucket) {
      // Through the target's bucket policy, not an ACL (BucketOwnerEnforced), whatever the app's
      // @aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy flag (as LogArchive does for its own bucket).
      const target = props.serverAccessLogsBucket;
      (this.resultsBucket.node.defaultChild as CfnBucket).loggingConfiguration = {
        destinationBucketName: target.bucketName,
        logFilePrefix: 'athena-results/',
        targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: 'EventTime' } },
      };
      target.addToResourcePolicy(new PolicyStatement({
        sid: 'AthenaResultsServerAccessLogs',
        principals: [new ServicePrincipal('logging.s3.amazonaws.com')],
        actions: ['s3:PutObject'],
        resources: [target.arnForObjects('athena-results/*')],
        conditions: { ArnLike: { 'aws:SourceArn': this.resultsBucket.bucketArn }, StringEquals: { 'aws:SourceAccount': stack.account } },
      }));
    } else {
      acknowledge(this.resultsBucket, ['AwsSolutions-S1', 'NIST.800.53.R5-S3BucketLoggingEnabled', 'HIPAA.Security-S3BucketLoggingEnabled', 'PCI.DSS.321-S3BucketLoggingEnabled'],
        'ArchiveQueriesProps.serverAccessLogsBucket was not given; CloudTrail logs the Athena calls that read and write the results');
    }

    const database = new CfnDatabase(this, 'Database', {
      catalogId: stack.account,
      databaseInput: { name: this.databaseName, description: 'CloudTrail log archive (cdk-cloudtrail-baseline ArchiveQueries)' },
    });
    const layout = {
      bucketName: props.logArchive.bucket.bucketName,
      s3KeyPrefix: props.logArchive.s3KeyPrefix,
      organizationId: props.organizationId,
      accounts: props.accounts,
      regions: props.regions,
      startDate,
    };
    this.tableLocation = archiveLocation(layout);
    const table = new CfnTable(this, 'Table', {
      catalogId: stack.account,
      databaseName: this.databaseName,
      tableInput: archiveTableInput(this.tableName, 'CloudTrail log files, partitioned by account, region and delivery day (partition projection)', layout),
    });
    table.addDependency(database);

    const workGroup = new CfnWorkGroup(this, 'WorkGroup', {
      name: this.workGroupName,
      description: `Queries over the CloudTrail log archive ${this.tableLocation}`,
      state: 'ENABLED',
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        publishCloudWatchMetricsEnabled: true,
        requesterPaysEnabled: false,
        bytesScannedCutoffPerQuery: cutoff,
        engineVersion: { selectedEngineVersion: 'Athena engine version 3' },
        resultConfiguration: {
          outputLocation: `s3://${this.resultsBucket.bucketName}/results/`,
          encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKey: this.resultsKey.keyArn },
          expectedBucketOwner: stack.account,
          aclConfiguration: { s3AclOption: 'BUCKET_OWNER_FULL_CONTROL' },
        },
      },
    });
    this.workGroupArn = stack.formatArn({ service: 'athena', resource: 'workgroup', resourceName: this.workGroupName });

    const sqlTable = { dialect: SqlDialect.ATHENA, table: `${sqlIdentifier(this.databaseName)}.${sqlIdentifier(this.tableName)}` };
    const detections = props.detections ?? Detections.everything();
    checkNoDuplicates(`${P}.detections`, detections, (d) => d.id, 'detection ID');
    const queries = [
      ...detections.map((d) => detectionQuery(d, sqlTable, `${P}.detections (detection ${d.id})`)),
      ...investigationQueries(sqlTable, { bucketName: props.logArchive.bucket.bucketName }),
    ];
    this.namedQueryNames = queries.map((q) => q.name);
    queries.forEach((q, i) => {
      const query = new CfnNamedQuery(this, `Query${i}`, {
        name: q.name,
        description: q.description,
        database: this.databaseName,
        workGroup: workGroup.ref,
        queryString: q.sql,
      });
      query.addDependency(table);
    });
  }

  /**
   * Lets an analyst run the workgroup's queries: Athena on the workgroup (start, stop and read queries,
   * read the named queries), Glue read on the catalog, database and table, write and read of the
   * results bucket and key, and read of the log archive (`ILogArchive.grantRead`: `s3:GetObject` and
   * `kms:Decrypt` only for CloudTrail log files, with the `kms:EncryptionContext:aws:cloudtrail:arn`
   * condition). Athena reads the archive with the analyst's own permissions.
   *
   * For an imported archive of another account, the archive owner's bucket and key policies must also
   * allow the analyst: a synth warning lists the statements (`importedLogArchive`).
   *
   * @returns the grant on the Athena workgroup (the other grants are added alongside it)
   * @see https://docs.aws.amazon.com/athena/latest/ug/example-policies-workgroup.html
   * @see https://docs.aws.amazon.com/athena/latest/ug/fine-grained-access-to-glue-resources.html
   */
  public grantQuery(grantee: IGrantable): Grant {
    const stack = Stack.of(this);
    const athena = Grant.addToPrincipal({
      grantee,
      actions: [
        'athena:StartQueryExecution', 'athena:StopQueryExecution', 'athena:GetQueryExecution', 'athena:GetQueryResults',
        'athena:GetQueryResultsStream', 'athena:GetQueryRuntimeStatistics', 'athena:ListQueryExecutions', 'athena:BatchGetQueryExecution',
        'athena:GetWorkGroup', 'athena:ListNamedQueries', 'athena:GetNamedQuery', 'athena:BatchGetNamedQuery',
      ],
      resourceArns: [this.workGroupArn],
    });
    const glue = (resource: string, resourceName?: string) => stack.formatArn({
      service: 'glue', resource, resourceName, arnFormat: resourceName === undefined ? ArnFormat.NO_RESOURCE_NAME : ArnFormat.SLASH_RESOURCE_NAME,
    });
    grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({
      actions: ['glue:GetDatabase', 'glue:GetTable', 'glue:GetTables', 'glue:GetPartition', 'glue:GetPartitions', 'glue:BatchGetPartition'],
      resources: [glue('catalog'), glue('database', this.databaseName), glue('table', `${this.databaseName}/${this.tableName}`)],
    }));
    grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({
      actions: ['s3:GetBucketLocation', 's3:ListBucket', 's3:ListBucketMultipartUploads'],
      resources: [this.resultsBucket.bucketArn],
    }));
    grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({
      actions: ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
      resources: [this.resultsBucket.arnForObjects('results/*')],
    }));
    this.resultsKey.grant(grantee, 'kms:GenerateDataKey', 'kms:Decrypt');
    this.logArchive.grantRead(grantee);
    return athena;
  }
}

function checkName(property: string, name: string, pattern: RegExp, what: string): string {
  requireLiteral(property, name, 'the named queries and the grants name it');
  if (!pattern.test(name)) throw new CloudTrailBaselineError(property, `must be 1-${pattern === WORKGROUP ? 128 : 255} ${what} (got '${name}')`);
  return name;
}
