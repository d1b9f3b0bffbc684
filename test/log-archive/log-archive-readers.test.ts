/**
 * Readers of the log archive: `grantRead` for a grantee of the archive's account (IAM policy only)
 * and of another account (bucket and key policies too), `grantOrganizationRead` for a security
 * tooling account, and `grantRead` on an imported archive. Statement by statement.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AccountPrincipal, Role } from 'aws-cdk-lib/aws-iam';
import {
  ACCOUNT_TRAIL, ARCHIVE_ENV, arnOf, arnWith, bucketPolicyStatements, bySid, keyPolicyStatements, logicalId, ORG_TRAIL, Statement,
} from './helpers';
import { LogArchive, OrganizationReadOptions } from '../../lib/log-archive';
import { TrailDescription } from '../../lib/organization';

const CONTEXT_111 = 'arn:aws:cloudtrail:*:111111111111:trail/*';
const CONTEXT_222 = 'arn:aws:cloudtrail:*:222222222222:trail/*';
const REMOTE_ROLE = 'arn:aws:iam::333333333333:role/Auditor';
/** The archive's bucket as the key policy may name it: any bucket of the partition when the name is generated. */
const ANY_BUCKET = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::*']] };
const BUCKET_KEY_CONTEXT = { StringLike: { 'kms:EncryptionContext:aws:s3:arn': ANY_BUCKET } };

function archiveStack(): { stack: Stack; archive: LogArchive } {
  const stack = new Stack(new App(), 'LogArchiveStack', { env: ARCHIVE_ENV });
  return { stack, archive: new LogArchive(stack, 'Archive', { trails: [ACCOUNT_TRAIL] }) };
}

function policiesOf(template: Template, roleId: string): Statement[] {
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p) => JSON.stringify(p.Properties.Roles) === JSON.stringify([{ Ref: roleId }]))
    .flatMap((p) => p.Properties.PolicyDocument.Statement);
}

describe('grantRead: a role of the archive account', () => {
  const { stack, archive } = archiveStack();
  const role = new Role(stack, 'Auditor', { assumedBy: new AccountPrincipal('111111111111') });
  const grant = archive.grantRead(role);
  archive.addTrail(ORG_TRAIL); // after the grant: the encryption context follows
  const template = Template.fromStack(stack);
  const bucketId = logicalId(archive.bucket);
  const keyId = logicalId(archive.encryptionKey);

  test('its IAM policy: list + location on the bucket, get + get version on the objects, decrypt of CloudTrail log files', () => {
    expect(grant.success).toBe(true);
    expect(policiesOf(template, logicalId(role))).toEqual([
      { Effect: 'Allow', Action: ['s3:GetBucketLocation', 's3:ListBucket'], Resource: arnOf(bucketId) },
      { Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: arnWith(bucketId, '/*') },
      {
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: arnOf(keyId),
        Condition: { StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': [CONTEXT_111, CONTEXT_222] } },
      },
      { Effect: 'Allow', Action: 'kms:Decrypt', Resource: arnOf(keyId), Condition: BUCKET_KEY_CONTEXT },
    ]);
  });

  test('the bucket and key policies do not name it (the key policy delegates to IAM of the account)', () => {
    const text = JSON.stringify([bucketPolicyStatements(template, bucketId), keyPolicyStatements(template, keyId)]);
    expect(text).not.toContain(logicalId(role));
  });
});

describe('grantRead: a role of another account', () => {
  const { stack, archive } = archiveStack();
  const role = Role.fromRoleArn(stack, 'Remote', REMOTE_ROLE);
  archive.grantRead(role);
  const template = Template.fromStack(stack);
  const bucketId = logicalId(archive.bucket);
  const bucketStatements = bucketPolicyStatements(template, bucketId);
  const keyStatements = keyPolicyStatements(template, logicalId(archive.encryptionKey));
  const naming = (statements: Statement[]) => statements.filter((s) => JSON.stringify(s.Principal) === JSON.stringify({ AWS: REMOTE_ROLE }));

  test('the bucket policy: the same reads, for that role', () => {
    expect(naming(bucketStatements)).toEqual([
      { Effect: 'Allow', Principal: { AWS: REMOTE_ROLE }, Action: ['s3:GetBucketLocation', 's3:ListBucket'], Resource: arnOf(bucketId) },
      { Effect: 'Allow', Principal: { AWS: REMOTE_ROLE }, Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: arnWith(bucketId, '/*') },
    ]);
  });

  test('the key policy: kms:Decrypt of this archive\'s CloudTrail log files, or of its S3 Bucket Key, only', () => {
    expect(naming(keyStatements)).toEqual([
      {
        Effect: 'Allow',
        Principal: { AWS: REMOTE_ROLE },
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: { StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': [CONTEXT_111] } },
      },
      { Effect: 'Allow', Principal: { AWS: REMOTE_ROLE }, Action: 'kms:Decrypt', Resource: '*', Condition: BUCKET_KEY_CONTEXT },
    ]);
  });

  test('with a bucket name, the S3 Bucket Key condition names the archive bucket exactly', () => {
    const named = new Stack(new App(), 'Named', { env: ARCHIVE_ENV });
    const namedArchive = new LogArchive(named, 'Archive', { trails: [ACCOUNT_TRAIL], bucketName: 'example-cloudtrail-archive' });
    namedArchive.grantRead(Role.fromRoleArn(named, 'Remote', REMOTE_ROLE));
    const statements = keyPolicyStatements(Template.fromStack(named), logicalId(namedArchive.encryptionKey));
    expect(statements.filter((s) => s.Principal?.AWS === REMOTE_ROLE).map((s) => s.Condition)).toEqual([
      { StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': [CONTEXT_111] } },
      { StringLike: { 'kms:EncryptionContext:aws:s3:arn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::example-cloudtrail-archive']] } } },
    ]);
  });

  test('nothing that writes or deletes', () => {
    const actions = naming([...bucketStatements, ...keyStatements]).flatMap((s) => s.Action);
    expect(actions.sort()).toEqual(['kms:Decrypt', 'kms:Decrypt', 's3:GetBucketLocation', 's3:GetObject', 's3:GetObjectVersion', 's3:ListBucket']);
  });
});

describe('grantOrganizationRead', () => {
  test('returns the statements it added to the bucket and key policies, with the suffix of a second grant', () => {
    const { stack, archive } = archiveStack();
    archive.addTrail(ORG_TRAIL);
    const first = archive.grantOrganizationRead({ organizationId: 'o-a1b2c3d4e5', accountIds: ['333333333333'] });
    const second = archive.grantOrganizationRead({ organizationId: 'o-a1b2c3d4e5', accountIds: ['444444444444'] });
    expect(first.bucketStatements.map((s) => s.sid)).toEqual(['OrganizationReadBucket', 'OrganizationReadObjects']);
    expect(first.keyStatements.map((s) => s.sid)).toEqual(['OrganizationReadDecryptLogFiles', 'OrganizationReadDecryptWithS3BucketKey']);
    expect(second.bucketStatements.map((s) => s.sid)).toEqual(['OrganizationReadBucket2', 'OrganizationReadObjects2']);
    const template = Template.fromStack(stack);
    const inBucket = bucketPolicyStatements(template, logicalId(archive.bucket)).map((s) => s.Sid);
    const inKey = keyPolicyStatements(template, logicalId(archive.encryptionKey)).map((s) => s.Sid);
    for (const grant of [first, second]) {
      for (const statement of grant.bucketStatements) expect(inBucket).toContain(statement.sid);
      for (const statement of grant.keyStatements) expect(inKey).toContain(statement.sid);
      expect(stack.resolve(grant.keyStatements[0].toStatementJson().Condition))
        .toMatchObject({ StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } });
    }
  });

  function orgRead(...options: OrganizationReadOptions[]) {
    const { stack, archive } = archiveStack();
    archive.addTrail(ORG_TRAIL);
    for (const o of options) archive.grantOrganizationRead(o);
    const template = Template.fromStack(stack);
    const bucketId = logicalId(archive.bucket);
    return { bucketId, bucket: bucketPolicyStatements(template, bucketId), key: keyPolicyStatements(template, logicalId(archive.encryptionKey)) };
  }

  describe('a security tooling account', () => {
    const { bucketId, bucket, key } = orgRead({ organizationId: 'o-a1b2c3d4e5', accountIds: ['333333333333'] });
    const readers = { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5', 'aws:PrincipalAccount': '333333333333' } };

    test('OrganizationReadBucket: list + location, any principal of that account of the organization', () => {
      expect(bySid(bucket, 'OrganizationReadBucket')).toEqual({
        Sid: 'OrganizationReadBucket',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['s3:GetBucketLocation', 's3:ListBucket'],
        Resource: arnOf(bucketId),
        Condition: readers,
      });
    });

    test('OrganizationReadObjects: get + get version on the objects', () => {
      expect(bySid(bucket, 'OrganizationReadObjects')).toEqual({
        Sid: 'OrganizationReadObjects',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['s3:GetObject', 's3:GetObjectVersion'],
        Resource: arnWith(bucketId, '/*'),
        Condition: readers,
      });
    });

    test('OrganizationReadDecryptLogFiles: kms:Decrypt with the same conditions and the CloudTrail encryption context', () => {
      expect(bySid(key, 'OrganizationReadDecryptLogFiles')).toEqual({
        Sid: 'OrganizationReadDecryptLogFiles',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: { ...readers, StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': [CONTEXT_111, CONTEXT_222] } },
      });
    });
  });

  test('OrganizationReadDecryptWithS3BucketKey: the same readers, the bucket key\'s encryption context', () => {
    const { key } = orgRead({ organizationId: 'o-a1b2c3d4e5', accountIds: ['333333333333'] });
    expect(bySid(key, 'OrganizationReadDecryptWithS3BucketKey')).toEqual({
      Sid: 'OrganizationReadDecryptWithS3BucketKey',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: 'kms:Decrypt',
      Resource: '*',
      Condition: {
        StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5', 'aws:PrincipalAccount': '333333333333' },
        ...BUCKET_KEY_CONTEXT,
      },
    });
  });

  test('named roles: aws:PrincipalArn, exact ARNs', () => {
    const { bucket, key } = orgRead({ organizationId: 'o-a1b2c3d4e5', principalArns: [REMOTE_ROLE, 'arn:aws:iam::444444444444:role/siem/Reader'] });
    const expected = {
      StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' },
      ArnLike: { 'aws:PrincipalArn': [REMOTE_ROLE, 'arn:aws:iam::444444444444:role/siem/Reader'] },
    };
    expect(bySid(bucket, 'OrganizationReadObjects').Condition).toEqual(expected);
    expect(bySid(key, 'OrganizationReadDecryptLogFiles').Condition).toEqual({
      ...expected, StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': [CONTEXT_111, CONTEXT_222] },
    });
  });

  test('accounts and roles together: both conditions must hold', () => {
    const { bucket } = orgRead({ organizationId: 'o-a1b2c3d4e5', accountIds: ['333333333333', '444444444444'], principalArns: [REMOTE_ROLE] });
    expect(bySid(bucket, 'OrganizationReadBucket').Condition).toEqual({
      StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5', 'aws:PrincipalAccount': ['333333333333', '444444444444'] },
      ArnLike: { 'aws:PrincipalArn': REMOTE_ROLE },
    });
  });

  test('a second grant gets suffixed Sids', () => {
    const { bucket, key } = orgRead(
      { organizationId: 'o-a1b2c3d4e5', accountIds: ['333333333333'] },
      { organizationId: 'o-a1b2c3d4e5', accountIds: ['444444444444'] },
    );
    expect(bySid(bucket, 'OrganizationReadObjects2').Condition.StringEquals['aws:PrincipalAccount']).toBe('444444444444');
    expect(bySid(key, 'OrganizationReadDecryptLogFiles2').Condition.StringEquals['aws:PrincipalAccount']).toBe('444444444444');
  });
});

describe('grantRead on an imported archive', () => {
  const managementEnv = { account: '222222222222', region: 'us-east-1' };
  function imported(encryptionKeyArn: string, allowedTrails?: TrailDescription[]) {
    const stack = new Stack(new App(), 'Management', { env: managementEnv });
    const archive = LogArchive.fromLogArchiveAttributes(stack, 'Archive', { bucketName: 'example-cloudtrail-archive', encryptionKeyArn, allowedTrails });
    const role = new Role(stack, 'Auditor', { assumedBy: new AccountPrincipal('222222222222') });
    archive.grantRead(role);
    return { stack, role, template: Template.fromStack(stack) };
  }

  test('by alias: kms:Decrypt on the account\'s keys with kms:ResourceAliases (IAM cannot name a key by alias)', () => {
    const { template, role } = imported('arn:aws:kms:us-east-1:111111111111:alias/cloudtrail-log-archive', [ORG_TRAIL]);
    expect(policiesOf(template, logicalId(role))).toEqual([
      { Effect: 'Allow', Action: ['s3:GetBucketLocation', 's3:ListBucket'], Resource: 'arn:aws:s3:::example-cloudtrail-archive' },
      { Effect: 'Allow', Action: ['s3:GetObject', 's3:GetObjectVersion'], Resource: 'arn:aws:s3:::example-cloudtrail-archive/*' },
      {
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: 'arn:aws:kms:us-east-1:111111111111:key/*',
        Condition: {
          'StringLike': { 'kms:EncryptionContext:aws:cloudtrail:arn': [CONTEXT_222] },
          'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/cloudtrail-log-archive' },
        },
      },
      {
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: 'arn:aws:kms:us-east-1:111111111111:key/*',
        Condition: {
          'StringLike': { 'kms:EncryptionContext:aws:s3:arn': 'arn:aws:s3:::example-cloudtrail-archive' },
          'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/cloudtrail-log-archive' },
        },
      },
    ]);
  });

  test('by key ARN, no trail known: the key itself, any CloudTrail log file (Null condition)', () => {
    const keyArn = 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const { template, role } = imported(keyArn);
    expect(policiesOf(template, logicalId(role))[2]).toEqual({
      Effect: 'Allow',
      Action: 'kms:Decrypt',
      Resource: keyArn,
      Condition: { Null: { 'kms:EncryptionContext:aws:cloudtrail:arn': 'false' } },
    });
  });

  test('a reader in another account than the archive: a warning with the exact statements the owner must add', () => {
    const { stack, role } = imported('arn:aws:kms:us-east-1:111111111111:alias/cloudtrail-log-archive', [ORG_TRAIL]);
    const warnings = Annotations.fromStack(stack).findWarning('/Management/Archive', Match.stringLikeRegexp('importedLogArchiveReader'));
    expect(warnings).toHaveLength(1);
    const text = String(warnings[0].entry.data);
    expect(text).toMatch(/^The log archive example-cloudtrail-archive is imported and the reader may be in another account \(222222222222\) than the archive \(111111111111\)/);
    const json = JSON.parse(text.slice(text.indexOf('['), text.lastIndexOf(']') + 1).replace(/\]\s*\[ack:.*$/, ']'));
    const principal = { AWS: { 'Fn::GetAtt': [logicalId(role), 'Arn'] } };
    expect(json).toEqual([
      {
        Sid: 'ReadCloudTrailLogsBucket',
        Effect: 'Allow',
        Principal: principal,
        Action: ['s3:GetBucketLocation', 's3:ListBucket'],
        Resource: 'arn:aws:s3:::example-cloudtrail-archive',
      },
      {
        Sid: 'ReadCloudTrailLogsObjects',
        Effect: 'Allow',
        Principal: principal,
        Action: ['s3:GetObject', 's3:GetObjectVersion'],
        Resource: 'arn:aws:s3:::example-cloudtrail-archive/*',
      },
      {
        Sid: 'DecryptCloudTrailLogs',
        Effect: 'Allow',
        Principal: principal,
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: { StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': [CONTEXT_222] } },
      },
      {
        Sid: 'DecryptWithS3BucketKey',
        Effect: 'Allow',
        Principal: principal,
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: { StringLike: { 'kms:EncryptionContext:aws:s3:arn': 'arn:aws:s3:::example-cloudtrail-archive' } },
      },
    ]);
  });

  test('a reader in the archive\'s own account: no warning', () => {
    const stack = new Stack(new App(), 'Tooling', { env: ARCHIVE_ENV });
    const archive = LogArchive.fromLogArchiveAttributes(stack, 'Archive', {
      bucketName: 'example-cloudtrail-archive', encryptionKeyArn: 'arn:aws:kms:us-east-1:111111111111:alias/cloudtrail-log-archive',
    });
    archive.grantRead(new Role(stack, 'Auditor', { assumedBy: new AccountPrincipal('111111111111') }));
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toHaveLength(0);
  });
});
