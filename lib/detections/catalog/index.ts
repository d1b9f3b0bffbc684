/**
 * The catalog's definitions, one file per detection (as cdk-nag has one file per rule). Internal: the public
 * way in is `Detections` (lib/detections/catalog.ts), which turns each definition into a `Detection`.
 *
 * Defaults (the Security Hub / CIS texts that `Detections.cisAwsFoundations()` returns) are named after their
 * control (`cloudwatch-<n>-...`, `cis-4-15-...`); variants after the CIS control they implement or the
 * library (`cis-4-2-...`, `baseline-...`) and what they change.
 */
// Defaults
export * from './cloudwatch-1-root-user-usage';
export * from './cloudwatch-2-unauthorized-api-calls';
export * from './cloudwatch-3-console-sign-in-without-mfa';
export * from './cloudwatch-4-iam-policy-changes';
export * from './cloudwatch-5-cloudtrail-configuration-changes';
export * from './cloudwatch-6-console-authentication-failures';
export * from './cloudwatch-7-kms-key-disable-or-deletion';
export * from './cloudwatch-8-s3-bucket-policy-changes';
export * from './cloudwatch-9-config-changes';
export * from './cloudwatch-10-security-group-changes';
export * from './cloudwatch-11-nacl-changes';
export * from './cloudwatch-12-network-gateway-changes';
export * from './cloudwatch-13-route-table-changes';
export * from './cloudwatch-14-vpc-changes';
export * from './cis-4-15-organizations-changes';
// Variants (opt-in)
export * from './baseline-root-user-usage-any-invoker';
export * from './cis-4-1-unauthorized-api-calls-excluding-log-delivery';
export * from './cis-4-2-console-sign-in-without-mfa-any-identity';
export * from './cis-4-10-security-group-changes-including-rule-modifications';
// Opt-in detections of network activity events
export * from './baseline-vpc-endpoint-access-denied';
