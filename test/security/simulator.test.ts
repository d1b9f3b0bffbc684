/**
 * The evaluation harness itself: iam-simulate's known context-key drop is detected and handled,
 * and the intrinsic resolver gives the values a deployment would.
 */
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { CfnResolver } from '../support/cfn-resolver';
import { PolicyWorld } from '../support/policy-evaluation';

const TRAIL = 'arn:aws:cloudtrail:us-east-1:111111111111:trail/t';
const KEY = 'arn:aws:kms:us-east-1:111111111111:key/canary';

/** A one-key world whose policy admits CloudTrail only for the encryption context of trail `t`. */
function canaryWorld(): PolicyWorld {
  return new PolicyWorld([{
    stackName: 'Canary',
    account: '111111111111',
    region: 'us-east-1',
    partition: 'aws',
    template: {
      Resources: {
        Canary: {
          Type: 'AWS::KMS::Key',
          Properties: {
            KeyPolicy: {
              Version: '2012-10-17',
              Statement: [{
                Effect: 'Allow',
                Principal: { Service: 'cloudtrail.amazonaws.com' },
                Action: 'kms:GenerateDataKey*',
                Resource: '*',
                Condition: { StringEquals: { 'kms:EncryptionContext:aws:cloudtrail:arn': TRAIL } },
              }],
            },
          },
        },
      },
    },
  }]);
}

describe('iam-simulate context keys with extra colons (kms:EncryptionContext:aws:cloudtrail:arn)', () => {
  test('runSimulation alone drops the key (remove the fallback in policy-evaluation.ts when this fails)', async () => {
    const result = await runSimulation({
      request: {
        principal: 'cloudtrail.amazonaws.com',
        action: 'kms:GenerateDataKey',
        resource: { resource: KEY, accountId: '111111111111' },
        contextVariables: { 'kms:EncryptionContext:aws:cloudtrail:arn': TRAIL },
      },
      identityPolicies: [],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: (canaryWorld() as any).keyPolicies.get('arn:aws:kms:us-east-1:111111111111:key/key-Canary').document,
    }, {});
    expect(result.resultType).toBe('single');
    if (result.resultType !== 'single') return;
    expect(result.result.ignoredContextKeys).toEqual(['kms:EncryptionContext:aws:cloudtrail:arn']);
    // Evaluated without the key, the matching request is denied: a Deny on it would never apply.
    expect(result.overallResult).toBe('ImplicitlyDenied');
  });

  test('decide() honours the key: the matching context is allowed, another denied, none denied', async () => {
    const world = canaryWorld();
    const key = 'arn:aws:kms:us-east-1:111111111111:key/key-Canary';
    const ask = (context: Record<string, string>) => world.decide({ principal: 'cloudtrail.amazonaws.com', action: 'kms:GenerateDataKey', resource: key, context });
    expect(await ask({ 'kms:EncryptionContext:aws:cloudtrail:arn': TRAIL })).toBe('Allowed');
    expect(await ask({ 'kms:EncryptionContext:aws:cloudtrail:arn': `${TRAIL}-other` })).toBe('ImplicitlyDenied');
    expect(await ask({})).toBe('ImplicitlyDenied');
  });

  test('decide() refuses any other context key the simulator drops, instead of deciding without it', async () => {
    const world = canaryWorld();
    await expect(world.decide({
      principal: 'cloudtrail.amazonaws.com',
      action: 'kms:GenerateDataKey',
      resource: 'arn:aws:kms:us-east-1:111111111111:key/key-Canary',
      context: { 's3:x-amz-acl': 'bucket-owner-full-control' },
    })).rejects.toThrow(/ignored the context keys s3:x-amz-acl/);
  });
});

describe('CfnResolver', () => {
  const resolver = new CfnResolver({
    stackName: 'S',
    account: '111111111111',
    region: 'eu-west-1',
    partition: 'aws',
    template: {
      Resources: {
        B: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'named' } },
        Q: { Type: 'AWS::SQS::Queue' },
        R: { Type: 'AWS::IAM::Role', Properties: { Path: '/security/' } },
      },
    },
  });

  test('pseudo parameters, Ref, GetAtt, Join, Sub, Select and Split', () => {
    expect(resolver.resolve({ 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:role/x-${AWS::Region}' }))
      .toBe('arn:aws:iam::111111111111:role/x-eu-west-1');
    expect(resolver.resolve({ 'Fn::Join': ['', [{ 'Fn::GetAtt': ['B', 'Arn'] }, '/*']] })).toBe('arn:aws:s3:::named/*');
    expect(resolver.resolve({ Ref: 'Q' })).toBe('https://sqs.eu-west-1.amazonaws.com/111111111111/S-Q');
    expect(resolver.resolve({ 'Fn::GetAtt': ['R', 'Arn'] })).toBe('arn:aws:iam::111111111111:role/security/S-R');
    expect(resolver.resolve({ 'Fn::Select': [1, { 'Fn::Split': [':', 'a:b:c'] }] })).toBe('b');
    expect(resolver.resolve({ 'Fn::Sub': ['${X}-${B.Arn}', { X: 'x' }] })).toBe('x-arn:aws:s3:::named');
  });

  test('an unsupported intrinsic throws rather than resolving to a wrong value', () => {
    expect(() => resolver.resolve({ 'Fn::ImportValue': 'Other:Export' })).toThrow(/unsupported intrinsic Fn::ImportValue/);
    expect(() => resolver.resolve({ 'Fn::GetAtt': ['B', 'WebsiteURL'] })).toThrow(/unsupported GetAtt/);
  });
});
