import {
  CLOUDTRAIL_CONFIGURATION_CHANGES, CONFIG_CHANGES, CONSOLE_AUTHENTICATION_FAILURES, CONSOLE_SIGN_IN_WITHOUT_MFA,
  CONSOLE_SIGN_IN_WITHOUT_MFA_ANY_IDENTITY, IAM_POLICY_CHANGES, KMS_KEY_DISABLE_OR_DELETION, NACL_CHANGES,
  NETWORK_GATEWAY_CHANGES, ORGANIZATIONS_CHANGES, ROOT_USER_USAGE, ROOT_USER_USAGE_ANY_INVOKER, ROUTE_TABLE_CHANGES,
  S3_BUCKET_POLICY_CHANGES, SECURITY_GROUP_CHANGES, SECURITY_GROUP_CHANGES_INCLUDING_RULE_MODIFICATIONS, VPC_ENDPOINT_ACCESS_DENIED,
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
 * Every method returns a new `Detection`. Each detection is defined in one file of
 * `lib/detections/catalog/` (as cdk-nag has one file per rule): its texts, filter pattern, metric,
 * severity, controls and the quirks of its pattern are documented there, and listed in
 * docs/detections.md; the methods here only point to them.
 *
 * Defaults and variants: `cisAwsFoundations()` returns the 15 defaults, the texts Security Hub
 * checks plus CIS 4.15. `variants()` returns the opt-in variants (`CIS.4.1`, `CIS.4.2`, `CIS.4.10`,
 * `Baseline.RootUserUsageAnyInvoker`): each has its own ID, metric and file, watches more than the Security Hub
 * text it varies, and does NOT satisfy that Security Hub control (Security Hub accepts only its exact
 * strings). `everything()` returns both: the whole catalog. Variants can run next to the defaults on one
 * log group. (The CIS v1.4.0-v3.0.0 "unauthorized API calls" text is not shipped: see
 * `lib/detections/catalog/cis-4-1-unauthorized-api-calls-excluding-log-delivery.ts`.)
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
   * Root user activity (`CloudWatch.1`). Defined, with its filter pattern, metric, severity, controls
   * and quirks, in `lib/detections/catalog/cloudwatch-1-root-user-usage.ts`; docs/detections.md lists
   * the catalog.
   */
  public static rootUserUsage(): Detection {
    return Detection.custom(ROOT_USER_USAGE);
  }

  /**
   * Unauthorized API calls (`CloudWatch.2`). Defined, with its filter pattern, metric, severity,
   * controls and quirks, in `lib/detections/catalog/cloudwatch-2-unauthorized-api-calls.ts`;
   * docs/detections.md lists the catalog.
   */
  public static unauthorizedApiCalls(): Detection {
    return Detection.custom(UNAUTHORIZED_API_CALLS);
  }

  /**
   * Console sign-in without MFA (`CloudWatch.3`). Defined, with its filter pattern, metric, severity,
   * controls and quirks, in `lib/detections/catalog/cloudwatch-3-console-sign-in-without-mfa.ts`;
   * docs/detections.md lists the catalog.
   */
  public static consoleSignInWithoutMfa(): Detection {
    return Detection.custom(CONSOLE_SIGN_IN_WITHOUT_MFA);
  }

  /**
   * IAM policy changes (`CloudWatch.4`). Defined, with its filter pattern, metric, severity, controls
   * and quirks, in `lib/detections/catalog/cloudwatch-4-iam-policy-changes.ts`; docs/detections.md lists
   * the catalog.
   */
  public static iamPolicyChanges(): Detection {
    return Detection.custom(IAM_POLICY_CHANGES);
  }

  /**
   * CloudTrail configuration changes (`CloudWatch.5`). Defined, with its filter pattern, metric,
   * severity, controls and quirks, in
   * `lib/detections/catalog/cloudwatch-5-cloudtrail-configuration-changes.ts`; docs/detections.md lists
   * the catalog.
   */
  public static cloudTrailConfigurationChanges(): Detection {
    return Detection.custom(CLOUDTRAIL_CONFIGURATION_CHANGES);
  }

  /**
   * Console authentication failures (`CloudWatch.6`). Defined, with its filter pattern, metric,
   * severity, controls and quirks, in
   * `lib/detections/catalog/cloudwatch-6-console-authentication-failures.ts`; docs/detections.md lists
   * the catalog.
   */
  public static consoleAuthenticationFailures(): Detection {
    return Detection.custom(CONSOLE_AUTHENTICATION_FAILURES);
  }

  /**
   * KMS key disabled or scheduled for deletion (`CloudWatch.7`). Defined, with its filter pattern,
   * metric, severity, controls and quirks, in
   * `lib/detections/catalog/cloudwatch-7-kms-key-disable-or-deletion.ts`; docs/detections.md lists the
   * catalog.
   */
  public static kmsKeyDisableOrDeletion(): Detection {
    return Detection.custom(KMS_KEY_DISABLE_OR_DELETION);
  }

  /**
   * S3 bucket policy changes (`CloudWatch.8`). Defined, with its filter pattern, metric, severity,
   * controls and quirks, in `lib/detections/catalog/cloudwatch-8-s3-bucket-policy-changes.ts`;
   * docs/detections.md lists the catalog.
   */
  public static s3BucketPolicyChanges(): Detection {
    return Detection.custom(S3_BUCKET_POLICY_CHANGES);
  }

  /**
   * AWS Config configuration changes (`CloudWatch.9`). Defined, with its filter pattern, metric,
   * severity, controls and quirks, in `lib/detections/catalog/cloudwatch-9-config-changes.ts`;
   * docs/detections.md lists the catalog.
   */
  public static configChanges(): Detection {
    return Detection.custom(CONFIG_CHANGES);
  }

  /**
   * Security group changes (`CloudWatch.10`). Defined, with its filter pattern, metric, severity,
   * controls and quirks, in `lib/detections/catalog/cloudwatch-10-security-group-changes.ts`;
   * docs/detections.md lists the catalog.
   */
  public static securityGroupChanges(): Detection {
    return Detection.custom(SECURITY_GROUP_CHANGES);
  }

  /**
   * Network ACL changes (`CloudWatch.11`). Defined, with its filter pattern, metric, severity, controls
   * and quirks, in `lib/detections/catalog/cloudwatch-11-nacl-changes.ts`; docs/detections.md lists the
   * catalog.
   */
  public static naclChanges(): Detection {
    return Detection.custom(NACL_CHANGES);
  }

  /**
   * Network gateway changes (`CloudWatch.12`). Defined, with its filter pattern, metric, severity,
   * controls and quirks, in `lib/detections/catalog/cloudwatch-12-network-gateway-changes.ts`;
   * docs/detections.md lists the catalog.
   */
  public static networkGatewayChanges(): Detection {
    return Detection.custom(NETWORK_GATEWAY_CHANGES);
  }

  /**
   * Route table changes (`CloudWatch.13`). Defined, with its filter pattern, metric, severity, controls
   * and quirks, in `lib/detections/catalog/cloudwatch-13-route-table-changes.ts`; docs/detections.md
   * lists the catalog.
   */
  public static routeTableChanges(): Detection {
    return Detection.custom(ROUTE_TABLE_CHANGES);
  }

  /**
   * VPC changes (`CloudWatch.14`). Defined, with its filter pattern, metric, severity, controls and
   * quirks, in `lib/detections/catalog/cloudwatch-14-vpc-changes.ts`; docs/detections.md lists the
   * catalog.
   */
  public static vpcChanges(): Detection {
    return Detection.custom(VPC_CHANGES);
  }

  /**
   * AWS Organizations changes (`CIS.4.15`). Defined, with its filter pattern, metric, severity, controls
   * and quirks, in `lib/detections/catalog/cis-4-15-organizations-changes.ts`; docs/detections.md lists
   * the catalog.
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
   * The 15 default detections: the same list as `cisAwsFoundations()`. Despite its name it is not the
   * whole catalog: the variants are left out (`everything()` has them).
   *
   * @deprecated use `cisAwsFoundations()` for the 15 defaults, or `everything()` for the whole catalog
   * (defaults and variants)
   */
  public static all(): Detection[] {
    return Detections.cisAwsFoundations();
  }

  /**
   * Root user activity, including actions invoked through AWS services
   * (`Baseline.RootUserUsageAnyInvoker`). Defined, with its filter pattern, metric, severity, controls
   * and quirks, in `lib/detections/catalog/baseline-root-user-usage-any-invoker.ts`; docs/detections.md
   * lists the catalog.
   */
  public static rootUserUsageAnyInvoker(): Detection {
    return Detection.custom(ROOT_USER_USAGE_ANY_INVOKER);
  }

  /**
   * Unauthorized API calls, excluding log delivery and HeadBucket (`CIS.4.1`). Defined, with its filter
   * pattern, metric, severity, controls and quirks, in
   * `lib/detections/catalog/cis-4-1-unauthorized-api-calls-excluding-log-delivery.ts`;
   * docs/detections.md lists the catalog.
   */
  public static unauthorizedApiCallsExcludingLogDelivery(): Detection {
    return Detection.custom(UNAUTHORIZED_API_CALLS_EXCLUDING_LOG_DELIVERY);
  }

  /**
   * Console sign-in without MFA, any identity (`CIS.4.2`). Defined, with its filter pattern, metric,
   * severity, controls and quirks, in
   * `lib/detections/catalog/cis-4-2-console-sign-in-without-mfa-any-identity.ts`; docs/detections.md
   * lists the catalog.
   */
  public static consoleSignInWithoutMfaAnyIdentity(): Detection {
    return Detection.custom(CONSOLE_SIGN_IN_WITHOUT_MFA_ANY_IDENTITY);
  }

  /**
   * Security group changes, including rule modifications (`CIS.4.10`). Defined, with its filter pattern,
   * metric, severity, controls and quirks, in
   * `lib/detections/catalog/cis-4-10-security-group-changes-including-rule-modifications.ts`;
   * docs/detections.md lists the catalog.
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

  /**
   * Calls through a VPC endpoint that its policy denied (`Baseline.VpcEndpointAccessDenied`): CloudTrail
   * network activity events with `errorCode = VpceAccessDenied`. Fires only when the trail records them
   * (`networkActivityEvents: [NetworkActivityEvents.vpceAccessDenied([...])]`). Defined, with its filter
   * pattern, metric, severity and quirks, in `lib/detections/catalog/baseline-vpc-endpoint-access-denied.ts`;
   * docs/detections.md lists the catalog.
   *
   * @see https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-network-events-with-cloudtrail.html
   */
  public static vpcEndpointAccessDenied(): Detection {
    return Detection.custom(VPC_ENDPOINT_ACCESS_DENIED);
  }

  /**
   * The opt-in detections of network activity events: `Baseline.VpcEndpointAccessDenied`. They need the
   * trail's `networkActivityEvents`; none is a CIS or Security Hub control.
   */
  public static networkActivity(): Detection[] {
    return [Detections.vpcEndpointAccessDenied()];
  }

  /**
   * The whole catalog: the 15 defaults (`cisAwsFoundations()`), the 4 variants (`variants()`), then the
   * network activity detections (`networkActivity()`).
   */
  public static everything(): Detection[] {
    return [...Detections.cisAwsFoundations(), ...Detections.variants(), ...Detections.networkActivity()];
  }

  private constructor() {}
}
