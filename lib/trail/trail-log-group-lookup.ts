import { Stack, Token } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { ILogGroup, LogGroup } from 'aws-cdk-lib/aws-logs';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { CloudTrailBaselineError } from '../private/errors';
import { checkProps } from '../private/props-schema';
import { schemas } from '../private/schemas';
import { isConcrete, partitionOf } from '../private/validate';

/**
 * Properties of `TrailLogGroupLookup`.
 */
export interface TrailLogGroupLookupProps {
  /**
   * The prefix of the existing trail's CloudWatch Logs group name, looked up at deployment. 1 to
   * 512 characters of `[A-Za-z0-9._/#-]`. For an exact name, use aws-cdk-lib's
   * `LogGroup.fromLogGroupName` instead (no lookup).
   *
   * @default 'aws-controltower/CloudTrailLogs' (Control Tower's log group, which Control Tower may rename with a suffix)
   */
  readonly logGroupNamePrefix?: string;
}

/**
 * The CloudWatch Logs group of an existing trail (Control Tower's, or another you do not own), found
 * by name prefix **at deployment** (`logs:DescribeLogGroups` through aws-cdk-lib's
 * `AwsCustomResource`), so that `DetectionAlarms`, `AlarmNotifications` and the fast path can be
 * added to it without a second trail, and keep working when Control Tower adds a suffix to the name
 * (Landing Zone Accelerator #1081). `npx cdk synth` needs no credentials: nothing is looked up then.
 *
 * Failure modes: no log group with the prefix fails the deployment (the lookup's response has no
 * `logGroups.0.logGroupName`) and the stack rolls back; several log groups with the prefix resolve
 * to the first in name order (DescribeLogGroups sorts by name), so give a prefix that is unique. The
 * lookup runs again on each update of this construct, not when the log group is renamed later.
 *
 * @see https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_DescribeLogGroups.html
 */
export class TrailLogGroupLookup extends Construct {
  /** The log group found. */
  public readonly logGroup: ILogGroup;
  /** Its name (a CloudFormation reference to the lookup's result). */
  public readonly logGroupName: string;

  constructor(scope: Construct, id: string, props: TrailLogGroupLookupProps = {}) {
    super(scope, id);
    checkProps('TrailLogGroupLookupProps', props, schemas.TrailLogGroupLookupProps());
    const prefix = props.logGroupNamePrefix ?? 'aws-controltower/CloudTrailLogs';
    if (Token.isUnresolved(prefix) || !/^[A-Za-z0-9._/#-]{1,512}$/.test(prefix)) {
      throw new CloudTrailBaselineError('TrailLogGroupLookupProps.logGroupNamePrefix',
        `must be a literal of 1 to 512 characters from [A-Za-z0-9._/#-] (CloudWatch Logs group names; got ${JSON.stringify(prefix)})`);
    }
    const stack = Stack.of(this);
    const partition = isConcrete(stack.region) ? partitionOf(stack.region) : stack.partition;
    const lookup = new AwsCustomResource(this, 'Lookup', {
      resourceType: 'Custom::TrailLogGroupLookup',
      onUpdate: {
        service: 'CloudWatchLogs',
        action: 'describeLogGroups',
        parameters: { logGroupNamePrefix: prefix, limit: 1 },
        physicalResourceId: PhysicalResourceId.of(`trail-log-group:${prefix}`),
        outputPaths: ['logGroups.0.logGroupName'],
      },
      policy: AwsCustomResourcePolicy.fromStatements([new PolicyStatement({
        actions: ['logs:DescribeLogGroups'],
        resources: [`arn:${partition}:logs:${stack.region}:${stack.account}:log-group:*`],
      })]),
      installLatestAwsSdk: false,
    });
    this.logGroupName = lookup.getResponseField('logGroups.0.logGroupName');
    this.logGroup = LogGroup.fromLogGroupName(this, 'LogGroup', this.logGroupName);
  }
}
