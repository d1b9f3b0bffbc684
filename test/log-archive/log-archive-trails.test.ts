/**
 * An archive that receives several trails: an organization trail, an account trail of another
 * account, a trail in another region, and an archive in the aws-us-gov partition. Every
 * `aws:SourceArn` is an exact trail ARN, and the `s3:PutObject` resources cover each
 * `AWSLogs/<account or organization>/` prefix of each trail exactly once.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { ARCHIVE_ENV, bucketPolicyStatements, keyPolicyStatements, logicalId, ORG_TRAIL, ORG_TRAIL_ARN, Statement } from './helpers';
import { LogArchive } from '../../lib/log-archive';
import { TrailDescription } from '../../lib/organization';

const MEMBER_TRAIL = TrailDescription.accountTrail({ accountId: '333333333333', region: 'us-east-1', trailName: 'member-trail' });
const EU_TRAIL = TrailDescription.accountTrail({ accountId: '444444444444', region: 'eu-west-1', trailName: 'eu-trail' });
const EU_TRAIL_2 = TrailDescription.accountTrail({ accountId: '444444444444', region: 'eu-central-1', trailName: 'eu-trail' });

interface Policies { bucketArn: unknown; bucket: Statement[]; key: Statement[] }

function policies(env: { account: string; region: string }, trails: TrailDescription[], s3KeyPrefix?: string): Policies {
  const stack = new Stack(new App(), 'LogArchiveStack', { env });
  const archive = new LogArchive(stack, 'Archive', { trails, s3KeyPrefix });
  const template = Template.fromStack(stack);
  const bucketId = logicalId(archive.bucket);
  return {
    bucketArn: { 'Fn::GetAtt': [bucketId, 'Arn'] },
    bucket: bucketPolicyStatements(template, bucketId),
    key: keyPolicyStatements(template, logicalId(archive.encryptionKey)),
  };
}

const cloudTrailStatements = (statements: Statement[]) => statements.filter((s) => s.Principal?.Service === 'cloudtrail.amazonaws.com');
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);
/** The object prefixes of the PutObject statements, e.g. 'AWSLogs/111111111111/*', one entry per resource. */
function writePrefixes(p: Policies): string[] {
  return cloudTrailStatements(p.bucket).filter((s) => s.Action === 's3:PutObject').flatMap((s) => asList(s.Resource))
    .map((r: any) => {
      expect(r['Fn::Join'][1][0]).toEqual(p.bucketArn);
      return String(r['Fn::Join'][1][1]).replace(/^\//, '');
    });
}

describe('an organization trail, an account trail of another account and a trail in another region', () => {
  const p = policies(ARCHIVE_ENV, [ORG_TRAIL, MEMBER_TRAIL, EU_TRAIL, EU_TRAIL_2]);
  const trailArns = [
    ORG_TRAIL_ARN,
    'arn:aws:cloudtrail:us-east-1:333333333333:trail/member-trail',
    'arn:aws:cloudtrail:eu-west-1:444444444444:trail/eu-trail',
    'arn:aws:cloudtrail:eu-central-1:444444444444:trail/eu-trail',
  ];

  test('every CloudTrail statement of the bucket and key policies is bound to one exact trail ARN, and every trail is named', () => {
    const statements = [...cloudTrailStatements(p.bucket), ...cloudTrailStatements(p.key)];
    expect(statements).toHaveLength(4 * 2 + 4 * 3);
    const sourceArns = statements.map((s) => s.Condition.StringEquals['aws:SourceArn']);
    for (const arn of sourceArns) {
      expect(typeof arn).toBe('string');
      expect(arn).not.toContain('*');
    }
    expect([...new Set(sourceArns)].sort()).toEqual([...trailArns].sort());
  });

  test('the s3:PutObject resources: each trail\'s own prefixes, each exactly once', () => {
    expect(writePrefixes(p).sort()).toEqual([
      'AWSLogs/222222222222/*',
      'AWSLogs/333333333333/*',
      'AWSLogs/444444444444/*', // eu-west-1 trail
      'AWSLogs/444444444444/*', // eu-central-1 trail: another trail, its own statement
      'AWSLogs/o-a1b2c3d4e5/*',
    ].sort());
    for (const s of cloudTrailStatements(p.bucket).filter((x) => x.Action === 's3:PutObject')) {
      const resources = asList(s.Resource).map((r: any) => r['Fn::Join'][1][1]);
      expect(new Set(resources).size).toBe(resources.length);
    }
  });

  test('a trail may write only under its own prefixes', () => {
    const bySource = new Map<string, string[]>();
    for (const s of cloudTrailStatements(p.bucket).filter((x) => x.Action === 's3:PutObject')) {
      bySource.set(s.Condition.StringEquals['aws:SourceArn'], asList(s.Resource).map((r: any) => r['Fn::Join'][1][1]));
    }
    expect(Object.fromEntries(bySource)).toEqual({
      [ORG_TRAIL_ARN]: ['/AWSLogs/222222222222/*', '/AWSLogs/o-a1b2c3d4e5/*'],
      [trailArns[1]]: ['/AWSLogs/333333333333/*'],
      [trailArns[2]]: ['/AWSLogs/444444444444/*'],
      [trailArns[3]]: ['/AWSLogs/444444444444/*'],
    });
  });

  test('the encryption context of each GenerateDataKey statement is its trail owner\'s, in the same partition', () => {
    const contexts = cloudTrailStatements(p.key).filter((s) => s.Action === 'kms:GenerateDataKey*')
      .map((s) => [s.Condition.StringEquals['aws:SourceArn'], s.Condition.StringLike['kms:EncryptionContext:aws:cloudtrail:arn']]);
    expect(contexts).toEqual([
      [trailArns[0], 'arn:aws:cloudtrail:*:222222222222:trail/*'],
      [trailArns[1], 'arn:aws:cloudtrail:*:333333333333:trail/*'],
      [trailArns[2], 'arn:aws:cloudtrail:*:444444444444:trail/*'],
      [trailArns[3], 'arn:aws:cloudtrail:*:444444444444:trail/*'],
    ]);
  });
});

describe('under an S3 key prefix', () => {
  test('the prefix comes before AWSLogs/ in every write resource', () => {
    expect(writePrefixes(policies(ARCHIVE_ENV, [ORG_TRAIL, MEMBER_TRAIL], 'cloudtrail')).sort()).toEqual([
      'cloudtrail/AWSLogs/222222222222/*', 'cloudtrail/AWSLogs/333333333333/*', 'cloudtrail/AWSLogs/o-a1b2c3d4e5/*',
    ]);
  });
});

describe('an archive in aws-us-gov', () => {
  const GOV_ORG_TRAIL = TrailDescription.organizationTrail({
    organizationId: 'o-a1b2c3d4e5', managementAccountId: '222222222222', region: 'us-gov-west-1', trailName: 'org-trail',
  });
  const GOV_TRAIL = TrailDescription.accountTrail({ accountId: '333333333333', region: 'us-gov-east-1', trailName: 'member-trail' });
  const p = policies({ account: '111111111111', region: 'us-gov-west-1' }, [GOV_ORG_TRAIL, GOV_TRAIL]);

  test('trail ARNs and encryption contexts are in the aws-us-gov partition', () => {
    const sourceArns = [...cloudTrailStatements(p.bucket), ...cloudTrailStatements(p.key)].map((s) => s.Condition.StringEquals['aws:SourceArn']);
    expect([...new Set(sourceArns)]).toEqual([
      'arn:aws-us-gov:cloudtrail:us-gov-west-1:222222222222:trail/org-trail',
      'arn:aws-us-gov:cloudtrail:us-gov-east-1:333333333333:trail/member-trail',
    ]);
    const contexts = cloudTrailStatements(p.key).filter((s) => s.Action === 'kms:GenerateDataKey*')
      .map((s) => s.Condition.StringLike['kms:EncryptionContext:aws:cloudtrail:arn']);
    expect(contexts).toEqual(['arn:aws-us-gov:cloudtrail:*:222222222222:trail/*', 'arn:aws-us-gov:cloudtrail:*:333333333333:trail/*']);
  });

  test('a trail of the aws partition cannot deliver there', () => {
    const stack = new Stack(new App(), 'Gov', { env: { account: '111111111111', region: 'us-gov-west-1' } });
    expect(() => new LogArchive(stack, 'Archive', { trails: [ORG_TRAIL] })).toThrow(
      /^LogArchiveProps\.trails: must be trails of the archive's partition 'aws-us-gov' \(region us-gov-west-1\); trail arn:aws:cloudtrail:us-east-1:222222222222:trail\/org-trail is in 'aws'/);
  });
});
