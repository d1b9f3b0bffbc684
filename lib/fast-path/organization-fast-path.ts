import { Duration, Stack, Token } from 'aws-cdk-lib';
import { EventBus, IEventBus } from 'aws-cdk-lib/aws-events';
import { EventBus as EventBusTarget } from 'aws-cdk-lib/aws-events-targets';
import { ManagedPolicy, OrganizationPrincipal, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { StackSet, StackSetStack } from 'cdk-stacksets';
import { Construct } from 'constructs';
import { DetectionFastPath } from './detection-fast-path';
import { IAlarmNotifications } from '../alarm-actions/ialarm-notifications';
import { Detections } from '../detections/catalog';
import { Detection } from '../detections/detection';
import { SUPPORTED_FAST_PATH_IDS } from '../detections/event-patterns';
import { acknowledge } from '../private/compliance';
import { CloudTrailBaselineError } from '../private/errors';
import { checkProps } from '../private/props-schema';
import { schemas } from '../private/schemas';
import { organizationStackSet } from '../private/stack-sets';
import { checkOrganizationId, checkRegion, checkStackSetOrganizationalUnits, literalList, partitionOf } from '../private/validate';

/**
 * Properties of `OrganizationFastPath`.
 */
export interface OrganizationFastPathProps {
  /**
   * The organization's ID: the central event bus admits `events:PutEvents` from its accounts only
   * (`aws:PrincipalOrgID`). A literal.
   */
  readonly organizationId: string;

  /**
   * The organizational units (or the root, `r-...`) whose accounts get the member stack, including
   * accounts that join them later (automatic deployment). A service-managed StackSet never deploys
   * to the management account: its own fast path is `CloudTrailBaselineProps.fastPath` or a
   * `DetectionFastPath` there. Literals. At least one.
   */
  readonly organizationalUnitIds: string[];

  /**
   * The regions of the member stacks: every region the organization uses. Must include `us-east-1`
   * (in the `aws` partition), where the events of global services (IAM, STS, Organizations,
   * AWS Sign-In) arrive. Literals. At least one.
   */
  readonly regions: string[];

  /**
   * The alarm actions the central rules notify (the notifier, with the member account and region
   * of each event, or the topic). Must be in this stack.
   */
  readonly notifications: IAlarmNotifications;

  /**
   * The detections to forward. Only those with an exact EventBridge equivalent
   * (`DetectionFastPath.SUPPORTED_DETECTION_IDS`).
   *
   * @default - every supported catalog detection: CloudWatch.1, CloudWatch.3, CloudWatch.5, CloudWatch.7
   */
  readonly detections?: Detection[];

  /**
   * The name of the central event bus (1 to 256 characters: letters, digits, `.`, `-`, `_`; not
   * `default`).
   *
   * @default 'cdk-cloudtrail-baseline-fast-path'
   */
  readonly eventBusName?: string;

  /**
   * Whether this stack is deployed in a StackSets delegated administrator account (else the
   * management account).
   *
   * @default false
   */
  readonly stackSetsDelegatedAdmin?: boolean;
}

/**
 * The fast path in every member account and region: a **service-managed StackSet with automatic
 * deployment** (cdklabs `cdk-stacksets`) puts, in each account of the given OUs and each region, one
 * EventBridge rule per detection on the default bus — the same event patterns as `DetectionFastPath`,
 * equivalent to the metric filters — forwarding matches to a **central event bus** in this
 * (management or security) account. The bus admits only the organization's accounts
 * (`aws:PrincipalOrgID`); central rules route the events to the alarm actions, and the notifier
 * names the member account and region of each.
 *
 * Latency, on paper: CloudTrail delivers management events to EventBridge typically within seconds
 * to a minute of the call (EventBridge user guide: best effort), and forwarding to another bus and
 * invoking the notifier add seconds: under about 60 s from the member's call to the notification,
 * against 5 to 10 minutes for the metric path (CloudTrail to CloudWatch Logs, then the alarm period).
 *
 * The member stack has no assets (only rules and one IAM role), so it needs no asset buckets in the
 * target regions; its template is uploaded with this stack's assets.
 *
 * @see https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-cross-account.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/stacksets-orgs-manage-auto-deployment.html
 */
export class OrganizationFastPath extends Construct {
  /** The central event bus. */
  public readonly eventBus: IEventBus;
  /** The central rules on the bus (one per detection), targeting the alarm actions. */
  public readonly centralFastPath: DetectionFastPath;
  /** The member stack (template of the StackSet). */
  public readonly memberStack: StackSetStack;
  /** The StackSet. */
  public readonly stackSet: StackSet;

  constructor(scope: Construct, id: string, props: OrganizationFastPathProps) {
    super(scope, id);
    const P = 'OrganizationFastPathProps';
    checkProps(P, props, schemas.OrganizationFastPathProps(), ['organizationId', 'organizationalUnitIds', 'regions', 'notifications']);
    const stack = Stack.of(this);
    if (Token.isUnresolved(stack.account) || Token.isUnresolved(stack.region)) {
      throw new CloudTrailBaselineError(P, 'needs a stack with an explicit env (account and region): the member stacks name the central bus by ARN');
    }
    if (Token.isUnresolved(props.organizationId)) {
      throw new CloudTrailBaselineError(`${P}.organizationId`, 'must be a literal organization ID: the bus policy admits only its accounts');
    }
    checkOrganizationId(`${P}.organizationId`, props.organizationId);
    const ous = checkStackSetOrganizationalUnits(`${P}.organizationalUnitIds`, props.organizationalUnitIds);
    const regions = literalList(`${P}.regions`, props.regions);
    regions.forEach((r, i) => checkRegion(`${P}.regions[${i}]`, r));
    const partition = partitionOf(stack.region);
    if (partition === 'aws' && !regions.includes('us-east-1')) {
      throw new CloudTrailBaselineError(`${P}.regions`,
        'must include us-east-1: the events of global services (IAM, STS, Organizations, AWS Sign-In: root and console sign-ins) arrive there only');
    }
    const detections = props.detections ?? Detections.cisAwsFoundations().filter((d) => SUPPORTED_FAST_PATH_IDS.includes(d.id));
    const busName = props.eventBusName ?? 'cdk-cloudtrail-baseline-fast-path';
    if (!/^[A-Za-z0-9._-]{1,256}$/.test(busName) || busName === 'default') {
      throw new CloudTrailBaselineError(`${P}.eventBusName`, `must be 1 to 256 letters, digits, '.', '-' or '_', and not 'default' (got '${busName}')`);
    }

    const bus = new EventBus(this, 'EventBus', { eventBusName: busName });
    bus.addToResourcePolicy(new PolicyStatement({
      sid: 'AllowOrganizationAccountsToForwardEvents',
      principals: [new OrganizationPrincipal(props.organizationId)],
      actions: ['events:PutEvents'],
      resources: [bus.eventBusArn],
    }));
    this.eventBus = bus;
    this.centralFastPath = new DetectionFastPath(this, 'CentralRules', { detections, notifications: props.notifications, eventBus: bus });

    // The member stack: environment-agnostic, no assets. The bus is named by its literal ARN.
    const busArn = `arn:${partition}:events:${stack.region}:${stack.account}:event-bus/${busName}`;
    const member = new StackSetStack(this, 'MemberStack');
    const forwardPolicy = new ManagedPolicy(member, 'ForwardPolicy', {
      description: 'Forward the baseline fast path events to the central bus (cdk-cloudtrail-baseline)',
      statements: [new PolicyStatement({ sid: 'ForwardToCentralBus', actions: ['events:PutEvents'], resources: [busArn] })],
    });
    const forwarder = new Role(member, 'ForwardRole', {
      assumedBy: new ServicePrincipal('events.amazonaws.com'),
      description: 'EventBridge forwards the baseline fast path events to the central bus (cdk-cloudtrail-baseline)',
      managedPolicies: [forwardPolicy],
    });
    // Events EventBridge could not forward (after its retries, 24 hours) wait here, in each member account and region.
    const deadLetterQueue = new Queue(member, 'DeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    acknowledge(deadLetterQueue, ['AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy'],
      'This queue is the dead-letter queue of the fast path forwarding rules; a dead-letter queue has none of its own.');
    // The role's only permission is its managed policy (withoutPolicyUpdates: no inline default policy).
    const target = new EventBusTarget(EventBus.fromEventBusArn(member, 'CentralBus', busArn), { role: forwarder.withoutPolicyUpdates(), deadLetterQueue });
    new DetectionFastPath(member, 'Rules', { detections, targets: [target] });
    this.memberStack = member;

    this.stackSet = organizationStackSet(this, 'StackSet', {
      stackSetName: `${busName}-members`,
      description: 'cdk-cloudtrail-baseline: EventBridge fast path rules of the member accounts, forwarding to the central bus',
      member,
      organizationalUnitIds: ous,
      regions,
      delegatedAdmin: props.stackSetsDelegatedAdmin ?? false,
    });
  }
}

