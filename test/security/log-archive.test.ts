/**
 * The log archive's promises, proven by deciding requests against the synthesized bucket, key and
 * role policies of the examples and of the audit variant (test/security/worlds.ts). Each promise
 * has an allowed and a denied request; a policy that loosened would flip the denied one.
 */
import { AUDIT, auditWorld, landingZoneWorld, ORGANIZATION, singleAccountWorld } from './worlds';
import { ACCESS_LOGS_BUCKET_DENIED_ACTIONS, EVIDENCE_BUCKET_DENIED_ACTIONS, EVIDENCE_KEY_DENIED_ACTIONS } from '../../lib/log-archive/evidence-protection';
import { ADMINISTRATOR_ACCESS, PolicyRequest, PolicyWorld } from '../support/policy-evaluation';

const audit = auditWorld();
const landingZone = landingZoneWorld();
const single = singleAccountWorld();

const ACL = { 's3:x-amz-acl': 'bucket-owner-full-control' };
const ORG_TRAIL = 'arn:aws:cloudtrail:us-east-1:222222222222:trail/organization-trail';
const LZ_BUCKET = `cloudtrail-archive-${ORGANIZATION.logArchiveAccountId}-us-east-1`;
const LZ_ACCESS_LOGS = `cloudtrail-archive-access-logs-${ORGANIZATION.logArchiveAccountId}-us-east-1`;
const SINGLE_TRAIL = 'arn:aws:cloudtrail:eu-west-1:333333333333:trail/account-trail';

const ask = (world: PolicyWorld, request: PolicyRequest) => world.decide(request);
const admin = (principal: string) => ({ principal, identityPolicies: [ADMINISTRATOR_ACCESS] });

function keyArn(world: PolicyWorld, stackName: string): string {
  return world.arnOf(stackName, 'AWS::KMS::Key', 'LogArchiveKey');
}

describe('only the trail writes: CloudTrail needs its exact aws:SourceArn and bucket-owner-full-control', () => {
  const cases = [
    { name: 'landing zone (organization trail, member account prefix)', world: landingZone, bucket: LZ_BUCKET, trail: ORG_TRAIL, key: `AWSLogs/${ORGANIZATION.organizationId}/333333333333/CloudTrail/us-east-1/2026/12/02/f.json.gz` },
    { name: 'landing zone (management account prefix)', world: landingZone, bucket: LZ_BUCKET, trail: ORG_TRAIL, key: 'AWSLogs/222222222222/CloudTrail/us-east-1/2026/12/02/f.json.gz' },
    { name: 'single account', world: single, bucket: undefined, trail: SINGLE_TRAIL, key: 'AWSLogs/333333333333/CloudTrail/eu-west-1/2026/12/02/f.json.gz' },
    { name: 'audit variant', world: audit, bucket: AUDIT.bucketName, trail: AUDIT.trailArn, key: 'AWSLogs/111111111111/CloudTrail/us-east-1/2026/12/02/f.json.gz' },
  ];
  describe.each(cases)('$name', ({ world, bucket, trail, key }) => {
    const name = bucket ?? world.nameOf(world.resolvers[0].stack.stackName, 'AWS::S3::Bucket', 'LogArchiveBucket');
    const put = (context: Record<string, string>, objectKey = key) => ask(world, {
      principal: 'cloudtrail.amazonaws.com', action: 's3:PutObject', resource: `arn:aws:s3:::${name}/${objectKey}`, context,
    });
    test('PutObject with the trail ARN and the ACL is allowed', async () => {
      expect(await put({ 'aws:SourceArn': trail, ...ACL })).toBe('Allowed');
    });
    test('another trail ARN, no ACL, or a key outside AWSLogs/ is denied', async () => {
      expect(await put({ 'aws:SourceArn': trail.replace(/trail\/.*/, 'trail/other'), ...ACL })).toBe('ImplicitlyDenied');
      expect(await put({ 'aws:SourceArn': trail.replace(/:\d{12}:/, ':999999999999:'), ...ACL })).toBe('ImplicitlyDenied');
      expect(await put({ 'aws:SourceArn': trail })).toBe('ImplicitlyDenied');
      expect(await put({ 'aws:SourceArn': trail, 's3:x-amz-acl': 'private' })).toBe('ImplicitlyDenied');
      expect(await put({ 'aws:SourceArn': trail, ...ACL }, 'elsewhere/f.json.gz')).toBe('ImplicitlyDenied');
    });
    test('GetBucketAcl only for the trail', async () => {
      const acl = (sourceArn: string) => ask(world, { principal: 'cloudtrail.amazonaws.com', action: 's3:GetBucketAcl', resource: `arn:aws:s3:::${name}`, context: { 'aws:SourceArn': sourceArn } });
      expect(await acl(trail)).toBe('Allowed');
      expect(await acl(trail.replace(/trail\/.*/, 'trail/other'))).toBe('ImplicitlyDenied');
    });
  });
});

describe('the CloudTrail key: CloudTrail may encrypt only for its trail (aws:SourceArn and the encryption context)', () => {
  const cases = [
    { name: 'landing zone', world: landingZone, stack: 'LogArchive', trail: ORG_TRAIL },
    { name: 'single account', world: single, stack: 'SingleAccount', trail: SINGLE_TRAIL },
    { name: 'audit variant', world: audit, stack: 'Audit', trail: AUDIT.trailArn },
  ];
  describe.each(cases)('$name', ({ world, stack, trail }) => {
    const generate = (sourceArn: string, contextArn: string) => ask(world, {
      principal: 'cloudtrail.amazonaws.com',
      action: 'kms:GenerateDataKey',
      resource: keyArn(world, stack),
      context: { 'aws:SourceArn': sourceArn, 'kms:EncryptionContext:aws:cloudtrail:arn': contextArn },
    });
    test('GenerateDataKey for the trail is allowed', async () => {
      expect(await generate(trail, trail)).toBe('Allowed');
    });
    test('another trail, or another account\'s trail in the context, is denied', async () => {
      expect(await generate(trail.replace(/trail\/.*/, 'trail/other'), trail)).toBe('ImplicitlyDenied');
      expect(await generate(trail, trail.replace(/:\d{12}:/, ':999999999999:'))).toBe('ImplicitlyDenied');
    });
  });
});

describe('TLS only: every request without aws:SecureTransport is denied on every bucket', () => {
  const buckets = [
    { name: 'landing-zone archive', world: landingZone, bucket: LZ_BUCKET, principal: 'arn:aws:iam::111111111111:role/Administrator' },
    { name: 'landing-zone access logs', world: landingZone, bucket: LZ_ACCESS_LOGS, principal: 'arn:aws:iam::111111111111:role/Administrator' },
    { name: 'audit archive', world: audit, bucket: AUDIT.bucketName, principal: AUDIT.admin },
    { name: 'audit access logs', world: audit, bucket: AUDIT.accessLogsBucketName, principal: AUDIT.admin },
    { name: 'audit MFA delete vault', world: audit, bucket: AUDIT.vaultBucketName, principal: AUDIT.admin },
    { name: 'audit disaster-recovery replica', world: audit, bucket: AUDIT.replicaBucketName, principal: AUDIT.admin },
  ];
  test.each(buckets)('$name: GetObject over TLS allowed, without TLS denied (even for break-glass)', async ({ world, bucket, principal }) => {
    const get = (p: string, tls: string) => ask(world, { ...admin(p), action: 's3:GetObject', resource: `arn:aws:s3:::${bucket}/AWSLogs/f.json.gz`, context: { 'aws:SecureTransport': tls } });
    expect(await get(principal, 'true')).toBe('Allowed');
    expect(await get(principal, 'false')).toBe('ExplicitlyDenied');
    expect(await get(AUDIT.breakGlass, 'false')).toBe('ExplicitlyDenied');
  });
  test('CloudTrail itself is denied without TLS', async () => {
    expect(await ask(landingZone, {
      principal: 'cloudtrail.amazonaws.com',
      action: 's3:PutObject',
      resource: `arn:aws:s3:::${LZ_BUCKET}/AWSLogs/222222222222/f.json.gz`,
      context: { 'aws:SourceArn': ORG_TRAIL, ...ACL, 'aws:SecureTransport': 'false' },
    })).toBe('ExplicitlyDenied');
  });
});

describe('evidence protection: an administrator cannot tamper, break-glass and the deployment role can', () => {
  const resourceFor = (bucket: string, action: string) => (/^s3:(DeleteObject|DeleteObjectVersion|BypassGovernanceRetention)$/.test(action) ? `arn:aws:s3:::${bucket}/AWSLogs/f.json.gz` : `arn:aws:s3:::${bucket}`);
  const evidence = [
    { bucket: AUDIT.bucketName, actions: EVIDENCE_BUCKET_DENIED_ACTIONS },
    { bucket: AUDIT.vaultBucketName, actions: EVIDENCE_BUCKET_DENIED_ACTIONS },
    { bucket: AUDIT.replicaBucketName, actions: EVIDENCE_BUCKET_DENIED_ACTIONS },
    { bucket: AUDIT.accessLogsBucketName, actions: ACCESS_LOGS_BUCKET_DENIED_ACTIONS },
  ].flatMap(({ bucket, actions }) => actions.map((action) => ({ bucket, action })));

  test.each(evidence)('$bucket: $action denied to an administrator, allowed to break-glass and the deployment role', async ({ bucket, action }) => {
    const tamper = (principal: string) => ask(audit, { ...admin(principal), action, resource: resourceFor(bucket, action) });
    expect(await tamper(AUDIT.admin)).toBe('ExplicitlyDenied');
    expect(await tamper(AUDIT.breakGlass)).toBe('Allowed');
    const deployment = bucket === AUDIT.replicaBucketName
      ? AUDIT.deploymentRole.replace(/us-east-1$/, AUDIT.replicaRegion)
      : AUDIT.deploymentRole;
    expect(await tamper(deployment)).toBe('Allowed');
  });

  test('the landing zone archive and access logs deny deletion to an administrator of the log archive account', async () => {
    for (const bucket of [LZ_BUCKET, LZ_ACCESS_LOGS]) {
      expect(await ask(landingZone, { ...admin('arn:aws:iam::111111111111:role/Administrator'), action: 's3:DeleteObject', resource: `arn:aws:s3:::${bucket}/AWSLogs/f.json.gz` }))
        .toBe('ExplicitlyDenied');
    }
  });

  test('reading and writing stay possible for the administrator (the deny names only tampering)', async () => {
    expect(await ask(audit, { ...admin(AUDIT.admin), action: 's3:GetObject', resource: `arn:aws:s3:::${AUDIT.bucketName}/AWSLogs/f.json.gz` })).toBe('Allowed');
    expect(await ask(audit, { ...admin(AUDIT.admin), action: 's3:PutObject', resource: `arn:aws:s3:::${AUDIT.bucketName}/notes.txt` })).toBe('Allowed');
  });
});

describe('the archive key cannot be crypto-shredded: ScheduleKeyDeletion, DisableKey, PutKeyPolicy', () => {
  const keys = [
    { name: 'audit archive key', world: audit, stack: 'Audit', admin: AUDIT.admin, breakGlass: AUDIT.breakGlass as string | undefined, deployment: AUDIT.deploymentRole },
    { name: 'audit replica key', world: audit, stack: 'AuditReplica', admin: AUDIT.admin, breakGlass: AUDIT.breakGlass, deployment: AUDIT.deploymentRole.replace(/us-east-1$/, AUDIT.replicaRegion) },
    { name: 'landing-zone archive key', world: landingZone, stack: 'LogArchive', admin: 'arn:aws:iam::111111111111:role/Administrator', breakGlass: undefined, deployment: AUDIT.deploymentRole },
  ];
  const cases = keys.flatMap((k) => EVIDENCE_KEY_DENIED_ACTIONS.map((action) => ({ ...k, action })));
  test.each(cases)('$name: $action denied to an administrator, allowed to break-glass and the deployment role', async ({ world, stack, admin: adminArn, breakGlass, deployment, action }) => {
    const resource = keyArn(world, stack);
    expect(await ask(world, { ...admin(adminArn), action, resource })).toBe('ExplicitlyDenied');
    if (breakGlass) expect(await ask(world, { ...admin(breakGlass), action, resource })).toBe('Allowed');
    // KMS's lockout safety check: the role CloudFormation deploys with keeps PutKeyPolicy.
    expect(await ask(world, { ...admin(deployment), action, resource })).toBe('Allowed');
  });
  test('the administrator still manages the key otherwise (e.g. EnableKeyRotation, TagResource)', async () => {
    for (const action of ['kms:EnableKeyRotation', 'kms:TagResource']) {
      expect(await ask(audit, { ...admin(AUDIT.admin), action, resource: keyArn(audit, 'Audit') })).toBe('Allowed');
    }
  });
});

describe('readers read, outsiders do not', () => {
  const object = `arn:aws:s3:::${AUDIT.bucketName}/AWSLogs/111111111111/CloudTrail/us-east-1/2026/12/02/f.json.gz`;
  const logFile = { 'kms:EncryptionContext:aws:cloudtrail:arn': AUDIT.trailArn };
  const bucketKey = { 'kms:EncryptionContext:aws:s3:arn': `arn:aws:s3:::${AUDIT.bucketName}` };
  const reader = 'arn:aws:iam::111111111111:role/Reader';
  const crossAccountIdentity = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket', 'kms:Decrypt'], Resource: '*' }],
  };

  test('a reader of the account (grantRead): GetObject, ListBucket, Decrypt of log files and of the bucket key', async () => {
    expect(await ask(audit, { principal: reader, action: 's3:GetObject', resource: object })).toBe('Allowed');
    expect(await ask(audit, { principal: reader, action: 's3:ListBucket', resource: `arn:aws:s3:::${AUDIT.bucketName}` })).toBe('Allowed');
    expect(await ask(audit, { principal: reader, action: 'kms:Decrypt', resource: keyArn(audit, 'Audit'), context: logFile })).toBe('Allowed');
    expect(await ask(audit, { principal: reader, action: 'kms:Decrypt', resource: keyArn(audit, 'Audit'), context: bucketKey })).toBe('Allowed');
  });
  test('the same reader may not decrypt other data of the key, delete, or read another bucket', async () => {
    expect(await ask(audit, { principal: reader, action: 'kms:Decrypt', resource: keyArn(audit, 'Audit') })).toBe('ImplicitlyDenied');
    expect(await ask(audit, { principal: reader, action: 'kms:Decrypt', resource: keyArn(audit, 'Audit'), context: { 'kms:EncryptionContext:aws:s3:arn': 'arn:aws:s3:::other-bucket' } })).toBe('ImplicitlyDenied');
    expect(await ask(audit, { principal: reader, action: 's3:DeleteObject', resource: object })).toBe('ExplicitlyDenied');
    expect(await ask(audit, { principal: reader, action: 's3:GetObject', resource: `arn:aws:s3:::${AUDIT.accessLogsBucketName}/x` })).toBe('ImplicitlyDenied');
  });
  test('a reader of another account (grantRead on an imported role): bucket and key policies admit it', async () => {
    const r = { principal: AUDIT.crossAccountReader, identityPolicies: [crossAccountIdentity] };
    expect(await ask(audit, { ...r, action: 's3:GetObject', resource: object })).toBe('Allowed');
    expect(await ask(audit, { ...r, action: 'kms:Decrypt', resource: keyArn(audit, 'Audit'), context: logFile })).toBe('Allowed');
    expect(await ask(audit, { ...r, action: 'kms:Decrypt', resource: keyArn(audit, 'Audit') })).toBe('ImplicitlyDenied');
  });
  test('an organization reader (grantOrganizationRead): its account in the organization reads', async () => {
    const r = { principal: AUDIT.organizationReader, identityPolicies: [crossAccountIdentity], principalOrgId: AUDIT.organizationId };
    expect(await ask(audit, { ...r, action: 's3:GetObject', resource: object })).toBe('Allowed');
    expect(await ask(audit, { ...r, action: 'kms:Decrypt', resource: keyArn(audit, 'Audit'), context: logFile })).toBe('Allowed');
  });
  test('outsiders are denied: another organization, an account not listed, an unknown account', async () => {
    const wrongOrg = { principal: AUDIT.organizationReader, identityPolicies: [crossAccountIdentity], principalOrgId: 'o-zzzzzzzzzz' };
    const unlisted = { principal: 'arn:aws:iam::555555555555:role/SecurityTooling', identityPolicies: [crossAccountIdentity], principalOrgId: AUDIT.organizationId };
    const outsider = { principal: AUDIT.outsider, identityPolicies: [ADMINISTRATOR_ACCESS] };
    for (const r of [wrongOrg, unlisted, outsider]) {
      expect(await ask(audit, { ...r, action: 's3:GetObject', resource: object })).toBe('ImplicitlyDenied');
      expect(await ask(audit, { ...r, action: 'kms:Decrypt', resource: keyArn(audit, 'Audit'), context: logFile })).toBe('ImplicitlyDenied');
    }
  });
});

describe('replication: the replication role replicates into the vault and the replica, nothing else', () => {
  const roleArn = () => audit.arnOf('Audit', 'AWS::IAM::Role', 'LogArchiveVaultReplicationRole');
  test('S3 of this account may assume it; S3 for another account may not', async () => {
    const assume = (sourceAccount: string) => ask(audit, { principal: 's3.amazonaws.com', action: 'sts:AssumeRole', resource: roleArn(), context: { 'aws:SourceAccount': sourceAccount } });
    expect(await assume(AUDIT.account)).toBe('Allowed');
    expect(await assume('999999999999')).toBe('ImplicitlyDenied');
  });
  test('reads the archive versions and replicates objects into the vault and the replica', async () => {
    const role = roleArn();
    expect(await ask(audit, { principal: role, action: 's3:GetObjectVersionForReplication', resource: `arn:aws:s3:::${AUDIT.bucketName}/AWSLogs/f.json.gz` })).toBe('Allowed');
    for (const bucket of [AUDIT.vaultBucketName, AUDIT.replicaBucketName]) {
      expect(await ask(audit, { principal: role, action: 's3:ReplicateObject', resource: `arn:aws:s3:::${bucket}/AWSLogs/f.json.gz` })).toBe('Allowed');
    }
  });
  test('may not replicate deletes, delete, or write anywhere else', async () => {
    const role = roleArn();
    expect(await ask(audit, { principal: role, action: 's3:ReplicateDelete', resource: `arn:aws:s3:::${AUDIT.vaultBucketName}/AWSLogs/f.json.gz` })).toBe('ImplicitlyDenied');
    expect(await ask(audit, { principal: role, action: 's3:DeleteObjectVersion', resource: `arn:aws:s3:::${AUDIT.vaultBucketName}/AWSLogs/f.json.gz` })).toBe('ExplicitlyDenied');
    expect(await ask(audit, { principal: role, action: 's3:ReplicateObject', resource: 'arn:aws:s3:::other-bucket/f.json.gz', resourceAccount: AUDIT.account })).toBe('ImplicitlyDenied');
  });
  test('decrypts the archive key only through S3 of the source region', async () => {
    const decrypt = (viaService: string) => ask(audit, {
      principal: roleArn(),
      action: 'kms:Decrypt',
      resource: keyArn(audit, 'Audit'),
      context: { 'kms:ViaService': viaService, 'kms:EncryptionContext:aws:s3:arn': `arn:aws:s3:::${AUDIT.bucketName}/AWSLogs/f.json.gz` },
    });
    expect(await decrypt(`s3.${AUDIT.region}.amazonaws.com`)).toBe('Allowed');
    expect(await decrypt(`s3.${AUDIT.replicaRegion}.amazonaws.com`)).toBe('ImplicitlyDenied');
  });
});
