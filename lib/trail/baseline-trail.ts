import { RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import { CfnTrail } from 'aws-cdk-lib/aws-cloudtrail';
import { ManagedPolicy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { IKey } from 'aws-cdk-lib/aws-kms';
import { ILogGroup, LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { ILogArchive } from '../log-archive/ilog-archive';
import { TrailDescription } from '../organization/trail-description';
import { acknowledge } from '../private/compliance';
import { CloudTrailBaselineError } from '../private/errors';
import { baselineKey } from '../private/keys';
import { checkTrailName } from '../private/validate';

/**
 * Properties of a `BaselineTrail`.
 */
export interface BaselineTrailProps {
  /** The log archive the trail delivers to: in this stack, or imported from another account. */
  readonly logArchive: ILogArchive;

  /**
   * The trail name. Required and literal: the bucket and key policies bind `aws:SourceArn` to the
   * trail ARN, which contains the name (without it, aws-cdk-lib's `Trail` produced
   * `trail/undefined`, aws-cdk#31400). 3-128 letters, digits, `.`, `_`, `-`.
   */
  readonly trailName: string;

  /**
   * Whether the trail logs every account of the organization. Create it in the management account
   * (the account of this stack), with `organizationId`.
   *
   * @default false
   */
  readonly isOrganizationTrail?: boolean;

  /**
   * The AWS Organizations ID (`o-...`). Required for an organization trail: the bucket policy lets
   * the trail write under `AWSLogs/<organizationId>/`.
   *
   * @default - none; an error if `isOrganizationTrail` is true
   */
  readonly organizationId?: string;

  /**
   * How long the CloudWatch Logs copy of the events is kept. At least one year, which the
   * Control Tower proactive control CT.CLOUDWATCH.PR.2 requires. The S3 archive is the long-term
   * record.
   *
   * @default RetentionDays.ONE_YEAR
   */
  readonly cloudWatchLogsRetention?: RetentionDays;

  /**
   * The name of the CloudWatch Logs group the trail delivers to, where the detections' metric
   * filters run.
   *
   * @default 'cloudtrail/<trailName>'
   * @throws when it has characters CloudWatch Logs refuses or is over 512 characters
   */
  readonly logGroupName?: string;

  /**
   * The KMS key that encrypts the log group. Its policy must let
   * `logs.<region>.amazonaws.com` use it for this log group.
   *
   * @default - a new customer managed key with rotation and that policy
   */
  readonly logGroupEncryptionKey?: IKey;
}

/**
 * A multi-region CloudTrail trail, for one account or a whole organization, delivering to a log
 * archive and to a KMS-encrypted CloudWatch Logs group.
 *
 * Always on: multi-region, global service events, log file validation, SSE-KMS with the archive's
 * key, an explicit name. CloudWatch Logs delivery goes through a role allowed to create and write
 * only CloudTrail's own log streams (`<account>_CloudTrail_<region>*` and, for an organization
 * trail, `<organizationId>_*`).
 *
 * When the log archive is in the same stack, the trail registers itself with it (bucket and key
 * policies bound to its ARN) and is created after them, as CloudTrail checks them at creation.
 *
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/creating-trail-organization.html
 * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html
 */
export class BaselineTrail extends Construct {
  /** The trail's description: owner, region, name, organization. Share it with the log archive. */
  public readonly description: TrailDescription;
  /** The trail ARN, known at synth time. */
  public readonly trailArn: string;
  /** The trail name. */
  public readonly trailName: string;
  /** The CloudWatch Logs group the trail delivers to. */
  public readonly logGroup: ILogGroup;
  /** The key that encrypts the log group. */
  public readonly logGroupEncryptionKey: IKey;
  /** The underlying `AWS::CloudTrail::Trail` resource. */
  public readonly cfnTrail: CfnTrail;

  constructor(scope: Construct, id: string, props: BaselineTrailProps) {
    super(scope, id);
    const stack = Stack.of(this);
    checkTrailName('BaselineTrailProps.trailName', props.trailName);
    if (props.isOrganizationTrail && !props.organizationId) {
      throw new CloudTrailBaselineError('BaselineTrailProps.organizationId',
        'is required when isOrganizationTrail is true: the bucket policy must let the trail write under AWSLogs/<organizationId>/');
    }
    if (!props.isOrganizationTrail && props.organizationId) {
      throw new CloudTrailBaselineError('BaselineTrailProps.isOrganizationTrail',
        'must be true when organizationId is set (an account trail has no organization ID)');
    }
    this.description = props.isOrganizationTrail
      ? TrailDescription.organizationTrail({
        organizationId: props.organizationId!,
        managementAccountId: stack.account,
        region: stack.region,
        trailName: props.trailName,
      })
      : TrailDescription.accountTrail({ accountId: stack.account, region: stack.region, trailName: props.trailName });
    this.trailName = props.trailName;
    this.trailArn = this.description.trailArn;
    const partition = this.description.partition;

    const retention = props.cloudWatchLogsRetention ?? RetentionDays.ONE_YEAR;
    if (retention !== RetentionDays.INFINITE && retention < RetentionDays.ONE_YEAR) {
      throw new CloudTrailBaselineError('BaselineTrailProps.cloudWatchLogsRetention',
        `must be at least one year (365 days; Control Tower CT.CLOUDWATCH.PR.2); got ${retention} days`);
    }
    const logGroupName = props.logGroupName ?? `cloudtrail/${props.trailName}`;
    if (!Token.isUnresolved(logGroupName) && !/^[A-Za-z0-9._\-/#]{1,512}$/.test(logGroupName)) {
      throw new CloudTrailBaselineError('BaselineTrailProps.logGroupName',
        `must be 1-512 letters, digits, '.', '_', '-', '/' or '#' (got '${logGroupName}')`);
    }
    const logGroupArn = `arn:${partition}:logs:${stack.region}:${stack.account}:log-group:${logGroupName}`;

    this.logGroupEncryptionKey = props.logGroupEncryptionKey ?? this.createLogGroupKey(logGroupArn);
    this.logGroup = new LogGroup(this, 'LogGroup', {
      logGroupName,
      retention,
      encryptionKey: this.logGroupEncryptionKey,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const streams = [`${stack.account}_CloudTrail_${stack.region}*`];
    if (this.description.organizationId) streams.push(`${this.description.organizationId}_*`);
    const policy = new ManagedPolicy(this, 'CloudWatchLogsPolicy', {
      description: `Lets trail ${props.trailName} create and write its own log streams in ${logGroupName}`,
      statements: [new PolicyStatement({
        sid: 'AWSCloudTrailCreateLogStreamAndPutLogEvents',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: streams.map((s) => `${logGroupArn}:log-stream:${s}`),
      })],
    });
    const role = new Role(this, 'CloudWatchLogsRole', {
      assumedBy: new ServicePrincipal('cloudtrail.amazonaws.com'),
      description: `Lets trail ${props.trailName} deliver events to CloudWatch Logs group ${logGroupName}`,
      managedPolicies: [policy],
    });
    // The finding IDs hold the stream ARNs. In an env-agnostic stack those are tokens, which would
    // render with 'AWS::Partition' etc., and Validations refuses IDs with more than one '::': the
    // finding then stays visible (cdk-nag reports it) rather than failing the synthesis.
    if (!Token.isUnresolved(logGroupArn)) {
      acknowledge(policy, streams.map((s) => `AwsSolutions-IAM5[Resource::${logGroupArn}:log-stream:${s}]`),
        'CloudTrail names its log streams <account>_CloudTrail_<region>_<n> (and <organizationId>_<account>_CloudTrail_<region>_<n> for member accounts): the wildcard is the documented stream-name prefix, within one log group.');
    }

    const archive = props.logArchive;
    archive.addTrail(this.description);

    this.cfnTrail = new CfnTrail(this, 'Resource', {
      trailName: props.trailName,
      isLogging: true,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableLogFileValidation: true,
      isOrganizationTrail: props.isOrganizationTrail ?? false,
      s3BucketName: archive.bucket.bucketName,
      s3KeyPrefix: archive.s3KeyPrefix,
      kmsKeyId: archive.encryptionKeyArn,
      cloudWatchLogsLogGroupArn: this.logGroup.logGroupArn,
      cloudWatchLogsRoleArn: role.roleArn,
    });
    // CloudTrail checks the role, the bucket policy and the key policy when the trail is created.
    this.cfnTrail.node.addDependency(role, policy);
    if (Stack.of(archive.bucket) === stack) {
      this.cfnTrail.node.addDependency(archive.bucket);
    }
  }

  private createLogGroupKey(logGroupArn: string): IKey {
    const stack = Stack.of(this);
    const key = baselineKey(this, 'LogGroupKey', `Encrypts the CloudWatch Logs copy of CloudTrail events of trail ${this.trailName}`);
    // "Encrypt log data in CloudWatch Logs using AWS KMS": the regional Logs principal, bound to the log group.
    key.addToResourcePolicy(new PolicyStatement({
      sid: 'AllowCloudWatchLogsToUseTheKey',
      principals: [new ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': logGroupArn } },
    }));
    return key;
  }
}
