import { ORGANIZATIONS_CHANGES } from './catalog/cis-4-15-organizations-changes';
import { ROOT_USER_USAGE } from './catalog/cloudwatch-1-root-user-usage';
import { SECURITY_GROUP_CHANGES } from './catalog/cloudwatch-10-security-group-changes';
import { NACL_CHANGES } from './catalog/cloudwatch-11-nacl-changes';
import { NETWORK_GATEWAY_CHANGES } from './catalog/cloudwatch-12-network-gateway-changes';
import { ROUTE_TABLE_CHANGES } from './catalog/cloudwatch-13-route-table-changes';
import { VPC_CHANGES } from './catalog/cloudwatch-14-vpc-changes';
import { UNAUTHORIZED_API_CALLS } from './catalog/cloudwatch-2-unauthorized-api-calls';
import { CONSOLE_SIGN_IN_WITHOUT_MFA } from './catalog/cloudwatch-3-console-sign-in-without-mfa';
import { IAM_POLICY_CHANGES } from './catalog/cloudwatch-4-iam-policy-changes';
import { CLOUDTRAIL_CONFIGURATION_CHANGES } from './catalog/cloudwatch-5-cloudtrail-configuration-changes';
import { CONSOLE_AUTHENTICATION_FAILURES } from './catalog/cloudwatch-6-console-authentication-failures';
import { KMS_KEY_DISABLE_OR_DELETION } from './catalog/cloudwatch-7-kms-key-disable-or-deletion';
import { S3_BUCKET_POLICY_CHANGES } from './catalog/cloudwatch-8-s3-bucket-policy-changes';
import { CONFIG_CHANGES } from './catalog/cloudwatch-9-config-changes';
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
   * (for example `signin.amazonaws.com`), nor records without `eventType`.
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
   * nearly every event). Metric `UnauthorizedAPICalls`, severity MEDIUM.
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
   * failed sign-ins are not counted.
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
   * severity MEDIUM.
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

  private constructor() {}
}
