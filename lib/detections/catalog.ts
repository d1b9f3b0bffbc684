import {
  CLOUDTRAIL_CONFIGURATION_CHANGES, CONFIG_CHANGES, CONSOLE_AUTHENTICATION_FAILURES, CONSOLE_SIGN_IN_WITHOUT_MFA,
  CONSOLE_SIGN_IN_WITHOUT_MFA_ANY_IDENTITY, IAM_POLICY_CHANGES, KMS_KEY_DISABLE_OR_DELETION, NACL_CHANGES,
  NETWORK_GATEWAY_CHANGES, ORGANIZATIONS_CHANGES, ROOT_USER_USAGE, ROOT_USER_USAGE_ANY_INVOKER, ROUTE_TABLE_CHANGES,
  S3_BUCKET_POLICY_CHANGES, SECURITY_GROUP_CHANGES, SECURITY_GROUP_CHANGES_INCLUDING_RULE_MODIFICATIONS,
  UNAUTHORIZED_API_CALLS, UNAUTHORIZED_API_CALLS_EXCLUDING_LOG_DELIVERY, VPC_CHANGES,
} from './catalog/index';
import { Detection } from './detection';

/**
 * The CIS AWS Foundations Benchmark / AWS Security Hub detections.
 *
 * Each detection carries the filter pattern published for its control, byte-exact (Security Hub
 * fails its CloudWatch.1-14 controls when "additional fields or terms" are added), the CIS-style
 * metric name, a severity, and the Security Hub and CIS control IDs it satisfies.
 *
 * Every method returns a new `Detection`.
 *
 * Defaults and variants: `cisAwsFoundations()` (also `all()`) returns the 15 defaults, the texts Security Hub
 * checks plus CIS 4.15. `variants()` returns the opt-in variants (`CIS.4.1`, `CIS.4.2`, `CIS.4.10`,
 * `Baseline.RootUserUsageAnyInvoker`): each has its own ID, metric and file, watches more than the Security Hub
 * text it varies, and does NOT satisfy that Security Hub control (Security Hub accepts only its exact
 * strings). `everything()` returns both. Variants can run next to the defaults on one log group.
 *
 * Not shipped: the CIS v1.4.0-v3.0.0 "unauthorized API calls" text, which appends
 * `|| ($.sourceIPAddress!="delivery.logs.amazonaws.com") || ($.eventName!="HeadBucket")`. Because the
 * exclusions are ORed, any record whose `eventName` is not `HeadBucket` matches: the alarm would fire on
 * nearly every event (over 90% of the real records of the test corpus). Use `unauthorizedApiCalls()`
 * (Security Hub CloudWatch.2) or `unauthorizedApiCallsExcludingLogDelivery()` (the CIS v4.0.0 text, ANDed).
 *
 * `DetectionSeverity` is how urgent an alarm of the detection is. It is not the Security Hub
 * control severity (Security Hub rates all of CloudWatch.1-14 "Low": that rates the finding
 * "this metric filter and alarm are missing", not the event the alarm reports).
 *
 * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html
 * @see https://www.cisecurity.org/benchmark/amazon_web_services
 */
export class Detections {
  /**
   * Root user activity: an API call or console action made with the root user's credentials,
   * not on its behalf by an AWS service.
   *
   * Security Hub CloudWatch.1; CIS v1.2.0 1.1 and 3.3, v1.4.0 1.7 and 4.3. Metric
   * `RootAccountUsage`, severity CRITICAL.
   *
   * The published pattern does not match root actions that carry `userIdentity.invokedBy`
   * (for example `signin.amazonaws.com`), nor records without `eventType` (see
   * `rootUserUsageAnyInvoker()`).
   *
   * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-1
   */
  public static rootUserUsage(): Detection {
    return Detection.custom(ROOT_USER_USAGE);
  }

  /**
   * Unauthorized API calls: calls refused with an error code ending in `UnauthorizedOperation` or
   * starting with `AccessDenied`.
   *
   * Security Hub CloudWatch.2; CIS v1.2.0 3.1 (the v1.2.0 text: the CIS v1.4.0 4.1 variant matches
   * nearly every event; see `unauthorizedApiCallsExcludingLogDelivery()` for the v4.0.0 text). Metric
   * `UnauthorizedAPICalls`, severity MEDIUM.
   *
   * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-2
   */
  public static unauthorizedApiCalls(): Detection {
    return Detection.custom(UNAUTHORIZED_API_CALLS);
  }

  /**
   * Console sign-in without MFA: a successful AWS Management Console sign-in of an IAM user that
   * did not use MFA.
   *
   * Security Hub CloudWatch.3; CIS v1.2.0 3.2. Metric `ConsoleSignInWithoutMFA`, severity HIGH.
   * Narrower than the two-clause CIS v1.4.0 4.2 text: root, federated / IAM Identity Center and
   * failed sign-ins are not counted (see `consoleSignInWithoutMfaAnyIdentity()`).
   *
   * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-3
   */
  public static consoleSignInWithoutMfa(): Detection {
    return Detection.custom(CONSOLE_SIGN_IN_WITHOUT_MFA);
  }

  /**
   * IAM policy changes: an IAM policy created, versioned, deleted, attached or detached (inline or
   * managed, on users, groups and roles).
   *
   * Security Hub CloudWatch.4; CIS v1.2.0 3.4, v1.4.0 4.4. Metric `IAMPolicyChanges`, severity
   * MEDIUM.
   *
   * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-4
   */
  public static iamPolicyChanges(): Detection {
    return Detection.custom(IAM_POLICY_CHANGES);
  }

  /**
   * CloudTrail configuration changes: a trail created, updated or deleted, or its logging started
   * or stopped.
   *
   * Security Hub CloudWatch.5; CIS v1.2.0 3.5, v1.4.0 4.5. Metric `CloudTrailConfigChanges`,
   * severity HIGH.
   *
   * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-5
   */
  public static cloudTrailConfigurationChanges(): Detection {
    return Detection.custom(CLOUDTRAIL_CONFIGURATION_CHANGES);
  }

  /**
   * Console authentication failures: a console sign-in recorded with the error message
   * "Failed authentication".
   *
   * Security Hub CloudWatch.6; CIS v1.2.0 3.6, v1.4.0 4.6. Metric `ConsoleSignInFailures`,
   * severity MEDIUM.
   *
   * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-6
   */
  public static consoleAuthenticationFailures(): Detection {
    return Detection.custom(CONSOLE_AUTHENTICATION_FAILURES);
  }

  /**
   * KMS key disabled or scheduled for deletion (`DisableKey`, `ScheduleKeyDeletion`).
   *
   * Security Hub CloudWatch.7; CIS v1.2.0 3.7, v1.4.0 4.7. Metric `DisableOrDeleteCMK`, severity
   * HIGH.
   *
   * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-7
   */
  public static kmsKeyDisableOrDeletion(): Detection {
    return Detection.custom(KMS_KEY_DISABLE_OR_DELETION);
  }

  /**
   * S3 bucket policy changes: a bucket policy, ACL, CORS, lifecycle or replication configuration
   * put or deleted.
   *
   * Security Hub CloudWatch.8; CIS v1.2.0 3.8, v1.4.0 4.8. Metric `S3BucketPolicyChanges`,
   * severity MEDIUM.
   *
   * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-8
   */
  public static s3BucketPolicyChanges(): Detection {
    return Detection.custom(S3_BUCKET_POLICY_CHANGES);
  }

  /**
   * AWS Config configuration changes: the configuration recorder stopped or changed, or a
   * delivery channel changed or deleted.
   *
   * Security Hub CloudWatch.9; CIS v1.2.0 3.9, v1.4.0 4.9. Metric `AWSConfigChanges`, severity
   * HIGH.
   *
   * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-9
   */
  public static configChanges(): Detection {
    return Detection.custom(CONFIG_CHANGES);
  }

  /**
   * Security group changes: an EC2 security group created or deleted, or an ingress or egress
   * rule authorized or revoked.
   *
   * Security Hub CloudWatch.10; CIS v1.2.0 3.10, v1.4.0 4.10. Metric `SecurityGroupChanges`,
   * severity MEDIUM. Misses `ModifySecurityGroupRules` (see
   * `securityGroupChangesIncludingRuleModifications()`).
   *
   * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-10
   */
  public static securityGroupChanges(): Detection {
    return Detection.custom(SECURITY_GROUP_CHANGES);
  }

  /**
   * Network ACL changes: a network ACL, entry or subnet association created, replaced or deleted.
   *
   * Security Hub CloudWatch.11; CIS v1.2.0 3.11, v1.4.0 4.11. Metric `NACLChanges`, severity LOW.
   *
   * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-11
   */
  public static naclChanges(): Detection {
    return Detection.custom(NACL_CHANGES);
  }

  /**
   * Network gateway changes: a customer gateway or internet gateway created, deleted, attached or
   * detached.
   *
   * Security Hub CloudWatch.12; CIS v1.2.0 3.12, v1.4.0 4.12. Metric `NetworkGatewayChanges`,
   * severity LOW.
   *
   * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-12
   */
  public static networkGatewayChanges(): Detection {
    return Detection.custom(NETWORK_GATEWAY_CHANGES);
  }

  /**
   * Route table changes: a route or route table created, replaced, deleted or disassociated.
   *
   * Security Hub CloudWatch.13; CIS v1.2.0 3.13, v1.4.0 4.13. Metric `RouteTableChanges`,
   * severity LOW.
   *
   * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-13
   */
  public static routeTableChanges(): Detection {
    return Detection.custom(ROUTE_TABLE_CHANGES);
  }

  /**
   * VPC changes: a VPC created, deleted or modified, a peering connection requested, accepted,
   * rejected or deleted, or ClassicLink changed.
   *
   * Security Hub CloudWatch.14; CIS v1.2.0 3.14, v1.4.0 4.14. Metric `VPCChanges`, severity LOW.
   *
   * @see https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html#cloudwatch-14
   */
  public static vpcChanges(): Detection {
    return Detection.custom(VPC_CHANGES);
  }

  /**
   * AWS Organizations changes: accounts, organizational units, policies, policy types and
   * handshakes of the organization created, changed, moved or removed.
   *
   * CIS v1.4.0 4.15 (ID `CIS.4.15`; no Security Hub control checks it). Metric
   * `OrganizationsChanges`, severity MEDIUM.
   *
   * @see https://www.cisecurity.org/benchmark/amazon_web_services
   */
  public static organizationsChanges(): Detection {
    return Detection.custom(ORGANIZATIONS_CHANGES);
  }

  /**
   * All 15 detections, in order: Security Hub CloudWatch.1 to CloudWatch.14, then CIS v1.4.0 4.15
   * (AWS Organizations changes).
   *
   * Deploying all of them, each with an alarm whose SNS topic has a subscriber, on the log group
   * of a multi-Region trail is what Security Hub CloudWatch.1-14 check.
   */
  public static cisAwsFoundations(): Detection[] {
    return [
      Detections.rootUserUsage(),
      Detections.unauthorizedApiCalls(),
      Detections.consoleSignInWithoutMfa(),
      Detections.iamPolicyChanges(),
      Detections.cloudTrailConfigurationChanges(),
      Detections.consoleAuthenticationFailures(),
      Detections.kmsKeyDisableOrDeletion(),
      Detections.s3BucketPolicyChanges(),
      Detections.configChanges(),
      Detections.securityGroupChanges(),
      Detections.naclChanges(),
      Detections.networkGatewayChanges(),
      Detections.routeTableChanges(),
      Detections.vpcChanges(),
      Detections.organizationsChanges(),
    ];
  }

  /**
   * The 15 default detections: the same list as `cisAwsFoundations()`, under the name tools that list the
   * catalog look for. Variants are not included (see `variants()` and `everything()`).
   */
  public static all(): Detection[] {
    return Detections.cisAwsFoundations();
  }

  /**
   * Root user activity, including actions recorded with `userIdentity.invokedBy` (e.g. root console
   * actions through `signin.amazonaws.com`, which the CloudWatch.1 text misses). Defined by this library.
   *
   * Opt-in variant of CloudWatch.1: it does NOT satisfy Security Hub CloudWatch.1; deploy it next to
   * `rootUserUsage()`. ID `Baseline.RootUserUsageAnyInvoker`, metric `RootAccountUsageAnyInvoker`, severity
   * CRITICAL.
   *
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-event-reference-user-identity.html
   */
  public static rootUserUsageAnyInvoker(): Detection {
    return Detection.custom(ROOT_USER_USAGE_ANY_INVOKER);
  }

  /**
   * Unauthorized API calls except S3 log delivery (`delivery.logs.amazonaws.com`) and `HeadBucket`: the
   * CIS v4.0.0 4.1 text, whose exclusions are ANDed (the v1.4.0-v3.0.0 text ORs them and matches nearly
   * every event; it is not shipped).
   *
   * Opt-in variant of CloudWatch.2: it does NOT satisfy Security Hub CloudWatch.2. ID `CIS.4.1`, metric
   * `UnauthorizedAPICallsExcludingLogDelivery`, severity MEDIUM.
   *
   * @see https://www.cisecurity.org/benchmark/amazon_web_services
   */
  public static unauthorizedApiCallsExcludingLogDelivery(): Detection {
    return Detection.custom(UNAUTHORIZED_API_CALLS_EXCLUDING_LOG_DELIVERY);
  }

  /**
   * Console sign-in without MFA by any identity, successful or not: the two-clause CIS v1.4.0 4.2 text
   * (`ConsoleLogin` and `MFAUsed != "Yes"`). Also counts root, SAML-federated and IAM Identity Center
   * sign-ins (whose `MFAUsed` is always "No") and failed sign-ins.
   *
   * Opt-in variant of CloudWatch.3: it does NOT satisfy Security Hub CloudWatch.3. ID `CIS.4.2`, metric
   * `ConsoleSignInWithoutMFAAnyIdentity`, severity MEDIUM.
   *
   * @see https://www.cisecurity.org/benchmark/amazon_web_services
   */
  public static consoleSignInWithoutMfaAnyIdentity(): Detection {
    return Detection.custom(CONSOLE_SIGN_IN_WITHOUT_MFA_ANY_IDENTITY);
  }

  /**
   * Security group changes including `ModifySecurityGroupRules` (how the EC2 console edits a rule): the
   * CIS v5.0.0+ text.
   *
   * Opt-in variant of CloudWatch.10: it does NOT satisfy Security Hub CloudWatch.10. ID `CIS.4.10`, metric
   * `SecurityGroupChangesIncludingRuleModifications`, severity MEDIUM.
   *
   * @see https://www.cisecurity.org/benchmark/amazon_web_services
   */
  public static securityGroupChangesIncludingRuleModifications(): Detection {
    return Detection.custom(SECURITY_GROUP_CHANGES_INCLUDING_RULE_MODIFICATIONS);
  }

  /**
   * The 4 opt-in variants, in order: `Baseline.RootUserUsageAnyInvoker`, `CIS.4.1`, `CIS.4.2`, `CIS.4.10`.
   * None satisfies a Security Hub control; their IDs and metric names differ from the defaults', so they
   * can be added next to them.
   */
  public static variants(): Detection[] {
    return [
      Detections.rootUserUsageAnyInvoker(),
      Detections.unauthorizedApiCallsExcludingLogDelivery(),
      Detections.consoleSignInWithoutMfaAnyIdentity(),
      Detections.securityGroupChangesIncludingRuleModifications(),
    ];
  }

  /** Every catalog detection: the 15 defaults (`all()`), then the 4 variants (`variants()`). */
  public static everything(): Detection[] {
    return [...Detections.all(), ...Detections.variants()];
  }

  private constructor() {}
}
