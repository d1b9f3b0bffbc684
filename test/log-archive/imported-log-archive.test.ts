/**
 * `LogArchive.fromLogArchiveAttributes`: an archive owned by another stack or account. Its
 * policies cannot be changed from here, so a trail it does not list gets a warning with the
 * statements its own stack must carry.
 */
import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { ORG_TRAIL, ORG_TRAIL_ARN } from './helpers';
import { LogArchive, LogArchiveAttributes } from '../../lib/log-archive';
import { TrailDescription } from '../../lib/organization';
import { CloudTrailBaselineError } from '../../lib/private/errors';
import { BaselineTrail } from '../../lib/trail';

const KEY_ARN = 'arn:aws:kms:us-east-1:111111111111:alias/cloudtrail-log-archive';

function managementStack(region = 'us-east-1'): Stack {
  return new Stack(new App(), 'Management', { env: { account: '222222222222', region } });
}

function importArchive(attrs: Partial<LogArchiveAttributes>, stack = managementStack()) {
  return LogArchive.fromLogArchiveAttributes(stack, 'Archive', { bucketName: 'example-cloudtrail-archive', encryptionKeyArn: KEY_ARN, ...attrs });
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

describe('attributes', () => {
  test('region and account come from the key ARN; the bucket ARN is in the partition of the region', () => {
    const stack = managementStack();
    const archive = importArchive({ s3KeyPrefix: 'audit' }, stack);
    expect(archive.region).toBe('us-east-1');
    expect(archive.encryptionKeyArn).toBe(KEY_ARN);
    expect(archive.s3KeyPrefix).toBe('audit');
    expect(archive.bucket.bucketName).toBe('example-cloudtrail-archive');
    expect(stack.resolve(archive.bucket.bucketArn)).toBe('arn:aws:s3:::example-cloudtrail-archive');
    expect(archive.bucket.env).toEqual({ account: '111111111111', region: 'us-east-1' });
  });

  test.each([
    ['cn-north-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
  ])('in %s the bucket ARN is in partition %s', (region, partition) => {
    const stack = managementStack(region);
    const archive = importArchive({ encryptionKeyArn: `arn:${partition}:kms:${region}:111111111111:alias/cloudtrail-log-archive` }, stack);
    expect(archive.region).toBe(region);
    expect(stack.resolve(archive.bucket.bucketArn)).toBe(`arn:${partition}:s3:::example-cloudtrail-archive`);
  });

  test('an explicit region and account win; a key ARN in that region is accepted', () => {
    const archive = importArchive({ region: 'us-east-1', account: '444444444444' });
    expect(archive.bucket.env).toEqual({ account: '444444444444', region: 'us-east-1' });
  });

  test('a token key ARN: the region defaults to the stack region', () => {
    const stack = managementStack('eu-west-1');
    const keyArn = new CfnParameter(stack, 'KeyArn').valueAsString;
    const archive = importArchive({ encryptionKeyArn: keyArn }, stack);
    expect(archive.region).toBe('eu-west-1');
    expect(stack.resolve(archive.bucket.bucketArn)).toBe('arn:aws:s3:::example-cloudtrail-archive');
  });

  test('adds no resources to the importing stack', () => {
    const stack = managementStack();
    importArchive({ allowedTrails: [ORG_TRAIL] }, stack).bindTrail(stack, ORG_TRAIL);
    const resources = Template.fromStack(stack).toJSON().Resources ?? {};
    expect(Object.keys(resources)).toEqual([]);
  });

  test('bindTrail() returns the attributes as the delivery config, with no dependency', () => {
    const stack = managementStack();
    const archive = importArchive({ s3KeyPrefix: 'audit', allowedTrails: [ORG_TRAIL], accessLogsBucketName: 'example-cloudtrail-access-logs' }, stack);
    const config = archive.bindTrail(stack, ORG_TRAIL);
    expect(stack.resolve({ ...config })).toEqual({
      bucketName: 'example-cloudtrail-archive',
      encryptionKeyArn: archive.encryptionKeyArn,
      s3KeyPrefix: 'audit',
      excludedBucketArns: ['arn:aws:s3:::example-cloudtrail-archive', 'arn:aws:s3:::example-cloudtrail-access-logs'],
      dependables: [],
    });
    expect(archive.eventBridgeEnabled).toBe(false);
  });
});

describe('bad attributes', () => {
  test.each([
    'not-an-arn',
    'arn:aws:s3:::example-cloudtrail-archive',
    'arn:aws:kms:us-east-1:111111111111:bucket/x',
    'arn:aws:kms:us-east-1::alias/cloudtrail-log-archive',
    'arn:aws:kms:us-east-1:11111111111:key/1234',
    'arn:aws:kms:us-east-1:111111111111:alias/',
  ])('malformed key ARN %p', (encryptionKeyArn) => {
    expect(() => importArchive({ encryptionKeyArn }))
      .toThrow(/^LogArchiveAttributes\.encryptionKeyArn: must be a KMS key ARN or alias ARN/);
  });

  test('a key ARN of a key (not an alias) is accepted', () => {
    const keyArn = 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    expect(importArchive({ encryptionKeyArn: keyArn }).encryptionKeyArn).toBe(keyArn);
  });

  test('a key in another region than the bucket', () => {
    let error: unknown;
    try {
      importArchive({ region: 'eu-west-1' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CloudTrailBaselineError);
    expect((error as CloudTrailBaselineError).property).toBe('LogArchiveAttributes.encryptionKeyArn');
    expect((error as Error).message).toBe(
      "LogArchiveAttributes.encryptionKeyArn: must be a key in the bucket's region eu-west-1 (got a key in us-east-1): "
      + 'CloudTrail requires the KMS key and the bucket in the same region');
  });

  test('a bad bucket name', () => {
    expect(() => importArchive({ bucketName: 'Example_Archive' }))
      .toThrow(/^LogArchiveAttributes\.bucketName: must follow the S3 bucket naming rules/);
  });

  test('a bad S3 key prefix', () => {
    expect(() => importArchive({ s3KeyPrefix: 'audit/' }))
      .toThrow(/^LogArchiveAttributes\.s3KeyPrefix: must be 1-200 characters without a leading or trailing '\/'/);
  });
});

describe('trails the archive does not allow', () => {
  test('a BaselineTrail on an imported archive that does not list it: a warning with the trail ARN and the statements', () => {
    const stack = managementStack();
    const imported = importArchive({}, stack);
    new BaselineTrail(stack, 'Trail', { logArchive: imported, trailName: 'org-trail', isOrganizationTrail: true, organizationId: 'o-a1b2c3d4e5' });
    const annotations = Annotations.fromStack(stack);
    annotations.hasWarning('/Management/Archive', Match.stringLikeRegexp(escape(`must allow trail ${ORG_TRAIL_ARN} (LogArchiveProps.trails)`)));
    annotations.hasWarning('*', Match.stringLikeRegexp('The log archive example-cloudtrail-archive is imported'));
    // The statements, with the trail ARN, the bucket ARN and the object prefixes.
    for (const fragment of [
      '"Sid":"AWSCloudTrailAclCheck"',
      '"Sid":"AWSCloudTrailWrite"',
      '"Sid":"AllowCloudTrailToEncryptLogs"',
      '"Sid":"AllowCloudTrailToDecryptWithS3BucketKey"',
      '"Sid":"AllowCloudTrailToDescribeKey"',
      '"Resource":"arn:aws:s3:::example-cloudtrail-archive"',
      '"arn:aws:s3:::example-cloudtrail-archive/AWSLogs/222222222222/*"',
      '"arn:aws:s3:::example-cloudtrail-archive/AWSLogs/o-a1b2c3d4e5/*"',
      `"aws:SourceArn":"${ORG_TRAIL_ARN}"`,
      '"kms:EncryptionContext:aws:cloudtrail:arn":"arn:aws:cloudtrail:*:222222222222:trail/*"',
    ]) {
      annotations.hasWarning('*', Match.stringLikeRegexp(escape(fragment)));
    }
  });

  test('bindTrail() directly: the warning names the trail, under the S3 key prefix', () => {
    const stack = managementStack();
    const other = TrailDescription.accountTrail({ accountId: '333333333333', region: 'us-east-1', trailName: 'other' });
    importArchive({ s3KeyPrefix: 'audit', allowedTrails: [ORG_TRAIL] }, stack).bindTrail(stack, other);
    const annotations = Annotations.fromStack(stack);
    annotations.hasWarning('*', Match.stringLikeRegexp(escape('arn:aws:cloudtrail:us-east-1:333333333333:trail/other')));
    annotations.hasWarning('*', Match.stringLikeRegexp(escape('"arn:aws:s3:::example-cloudtrail-archive/audit/AWSLogs/333333333333/*"')));
    expect(annotations.findWarning('*', Match.anyValue())).toHaveLength(1);
  });

  test('a trail listed in allowedTrails: no warning', () => {
    const stack = managementStack();
    const imported = importArchive({ allowedTrails: [ORG_TRAIL] }, stack);
    new BaselineTrail(stack, 'Trail', { logArchive: imported, trailName: 'org-trail', isOrganizationTrail: true, organizationId: 'o-a1b2c3d4e5' });
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
  });

  test('allowedTrails matches on the ARN: a trail of the same name in another region is not allowed', () => {
    const stack = managementStack('eu-west-1');
    const imported = importArchive({
      encryptionKeyArn: 'arn:aws:kms:eu-west-1:111111111111:alias/cloudtrail-log-archive',
      allowedTrails: [ORG_TRAIL],
    }, stack);
    new BaselineTrail(stack, 'Trail', { logArchive: imported, trailName: 'org-trail', isOrganizationTrail: true, organizationId: 'o-a1b2c3d4e5' });
    Annotations.fromStack(stack).hasWarning('*', Match.stringLikeRegexp(escape('arn:aws:cloudtrail:eu-west-1:222222222222:trail/org-trail')));
  });
});

describe('access-logs bucket', () => {
  test('is known by name when given, in the partition of the region, and unknown otherwise', () => {
    const stack = managementStack('cn-north-1');
    const archive = importArchive({
      encryptionKeyArn: 'arn:aws-cn:kms:cn-north-1:111111111111:alias/cloudtrail-log-archive',
      accessLogsBucketName: 'example-cloudtrail-access-logs',
    }, stack);
    expect(stack.resolve(archive.archiveBucketArns())).toEqual(['arn:aws-cn:s3:::example-cloudtrail-archive', 'arn:aws-cn:s3:::example-cloudtrail-access-logs']);
    expect(stack.resolve(importArchive({}, managementStack()).archiveBucketArns())).toEqual(['arn:aws:s3:::example-cloudtrail-archive']);
  });

  test('a name S3 refuses is reported as LogArchiveAttributes.accessLogsBucketName', () => {
    expect(() => importArchive({ accessLogsBucketName: 'Bad_Name' })).toThrow(/^LogArchiveAttributes\.accessLogsBucketName: must follow the S3 bucket naming rules/);
  });
});

describe('LogArchiveProps.accessLogsBucketName', () => {
  test('names the access-logs bucket and is checked like bucketName', () => {
    const stack = new Stack(new App(), 'Archive', { env: { account: '111111111111', region: 'us-east-1' } });
    const archive = new LogArchive(stack, 'LogArchive', { trails: [ORG_TRAIL], accessLogsBucketName: 'example-cloudtrail-access-logs' });
    expect(stack.resolve(archive.accessLogsBucket.bucketName)).toEqual({ Ref: expect.stringMatching(/^LogArchiveAccessLogsBucket/) });
    Template.fromStack(stack).hasResourceProperties('AWS::S3::Bucket', { BucketName: 'example-cloudtrail-access-logs', LoggingConfiguration: Match.absent() });
    const other = new Stack(new App(), 'Other', { env: { account: '111111111111', region: 'us-east-1' } });
    expect(() => new LogArchive(other, 'LogArchive', { trails: [ORG_TRAIL], accessLogsBucketName: 'x' }))
      .toThrow(/^LogArchiveProps\.accessLogsBucketName: must follow the S3 bucket naming rules/);
  });
});

describe('the importedLogArchive warning, statement by statement', () => {
  test('an account trail under a prefix: exactly the two bucket and three key statements the owner must add', () => {
    const stack = managementStack();
    const trail = TrailDescription.accountTrail({ accountId: '222222222222', region: 'us-east-1', trailName: 'management-trail' });
    importArchive({ s3KeyPrefix: 'audit' }, stack).bindTrail(stack, trail);
    const warnings = Annotations.fromStack(stack).findWarning('/Management/Archive', Match.stringLikeRegexp('importedLogArchive'));
    expect(warnings).toHaveLength(1);
    const text = String(warnings[0].entry.data);
    const marker = '(bucket policy, then key policy): ';
    const json = text.slice(text.indexOf(marker) + marker.length).replace(/\s*\[ack: [^\]]*\]$/, '');
    const arn = 'arn:aws:cloudtrail:us-east-1:222222222222:trail/management-trail';
    const cloudtrail = { Service: 'cloudtrail.amazonaws.com' };
    expect(JSON.parse(json)).toEqual([
      {
        Sid: 'AWSCloudTrailAclCheck',
        Effect: 'Allow',
        Principal: cloudtrail,
        Action: 's3:GetBucketAcl',
        Resource: 'arn:aws:s3:::example-cloudtrail-archive',
        Condition: { StringEquals: { 'aws:SourceArn': arn } },
      },
      {
        Sid: 'AWSCloudTrailWrite',
        Effect: 'Allow',
        Principal: cloudtrail,
        Action: 's3:PutObject',
        Resource: 'arn:aws:s3:::example-cloudtrail-archive/audit/AWSLogs/222222222222/*',
        Condition: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': arn } },
      },
      {
        Sid: 'AllowCloudTrailToEncryptLogs',
        Effect: 'Allow',
        Principal: cloudtrail,
        Action: 'kms:GenerateDataKey*',
        Resource: '*',
        Condition: {
          StringEquals: { 'aws:SourceArn': arn },
          StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': 'arn:aws:cloudtrail:*:222222222222:trail/*' },
        },
      },
      {
        Sid: 'AllowCloudTrailToDecryptWithS3BucketKey',
        Effect: 'Allow',
        Principal: cloudtrail,
        Action: 'kms:Decrypt',
        Resource: '*',
        Condition: { StringEquals: { 'aws:SourceArn': arn } },
      },
      {
        Sid: 'AllowCloudTrailToDescribeKey',
        Effect: 'Allow',
        Principal: cloudtrail,
        Action: 'kms:DescribeKey',
        Resource: '*',
        Condition: { StringEquals: { 'aws:SourceArn': arn } },
      },
    ]);
  });
});
