/**
 * The apps whose policies test/security evaluates: both examples, and an audit variant with
 * break-glass roles, readers of this account, of another account and of the organization, an MFA
 * delete vault and a disaster-recovery replica in a second region.
 */
import { App, Stack } from 'aws-cdk-lib';
import { AccountRootPrincipal, Role } from 'aws-cdk-lib/aws-iam';
import { addLandingZone } from '../../examples/landing-zone/app';
import { ORGANIZATION } from '../../examples/landing-zone/organization';
import { addSingleAccount } from '../../examples/single-account/app';
import { LogArchive, TamperProtection, TrailDescription } from '../../lib';
import { PolicyWorld, templatesOf } from '../support/policy-evaluation';

/** The audit variant's names and principals. */
export const AUDIT = {
  account: '111111111111',
  region: 'us-east-1',
  replicaRegion: 'eu-west-1',
  bucketName: 'audit-archive-111111111111',
  accessLogsBucketName: 'audit-archive-logs-111111111111',
  vaultBucketName: 'audit-vault-111111111111',
  replicaBucketName: 'audit-archive-dr-111111111111',
  trailArn: 'arn:aws:cloudtrail:us-east-1:111111111111:trail/audit-trail',
  breakGlass: 'arn:aws:iam::111111111111:role/security/BreakGlass',
  deploymentRole: 'arn:aws:iam::111111111111:role/cdk-hnb659fds-cfn-exec-role-111111111111-us-east-1',
  admin: 'arn:aws:iam::111111111111:role/Administrator',
  crossAccountReader: 'arn:aws:iam::333333333333:role/Auditor',
  organizationId: 'o-a1b2c3d4e5',
  organizationReaderAccount: '444444444444',
  organizationReader: 'arn:aws:iam::444444444444:role/SecurityTooling',
  outsider: 'arn:aws:iam::999999999999:role/Attacker',
} as const;

/** The audit variant: its archive stack (with the vault and the readers) and its replica stack. */
export function auditWorld(): PolicyWorld {
  const app = new App();
  const stack = new Stack(app, 'Audit', { env: { account: AUDIT.account, region: AUDIT.region } });
  const archive = new LogArchive(stack, 'LogArchive', {
    bucketName: AUDIT.bucketName,
    accessLogsBucketName: AUDIT.accessLogsBucketName,
    trails: [TrailDescription.accountTrail({ accountId: AUDIT.account, region: AUDIT.region, trailName: 'audit-trail' })],
    breakGlassRoleArns: [AUDIT.breakGlass],
    tamperProtection: TamperProtection.mfaDelete({ vaultBucketName: AUDIT.vaultBucketName }),
    replication: { region: AUDIT.replicaRegion, bucketName: AUDIT.replicaBucketName },
  });
  archive.grantRead(new Role(stack, 'Reader', { roleName: 'Reader', assumedBy: new AccountRootPrincipal() }));
  archive.grantRead(Role.fromRoleArn(stack, 'CrossAccountReader', AUDIT.crossAccountReader));
  archive.grantOrganizationRead({ organizationId: AUDIT.organizationId, accountIds: [AUDIT.organizationReaderAccount] });
  const replica = new Stack(app, 'AuditReplica', { env: { account: AUDIT.account, region: AUDIT.replicaRegion } });
  new LogArchive(replica, 'LogArchive', {
    bucketName: AUDIT.replicaBucketName,
    replicaOf: AUDIT.bucketName,
    breakGlassRoleArns: [AUDIT.breakGlass],
    tamperProtection: TamperProtection.objectLock(),
  });
  return new PolicyWorld(templatesOf([stack, replica]));
}

/** The landing-zone example: log archive account 111111111111, management account 222222222222. */
export function landingZoneWorld(): PolicyWorld {
  const { logArchive, management } = addLandingZone(new App());
  return new PolicyWorld(templatesOf([logArchive, management]));
}

/** The single-account example: account 333333333333, eu-west-1. */
export function singleAccountWorld(): PolicyWorld {
  return new PolicyWorld(templatesOf([addSingleAccount(new App())]));
}

export { ORGANIZATION };
