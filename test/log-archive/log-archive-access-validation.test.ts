/**
 * Bad input to the evidence protection, the readers and the trails of a `LogArchive`: each error
 * is a CloudTrailBaselineError that names the property at fault and the rule.
 */
import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { ACCOUNT_TRAIL, ARCHIVE_ENV } from './helpers';
import { LogArchive, LogArchiveProps, OrganizationReadOptions } from '../../lib/log-archive';
import { CloudTrailBaselineError } from '../../lib/private/errors';

function build(props: Omit<LogArchiveProps, 'trails'>, env = ARCHIVE_ENV): LogArchive {
  const stack = new Stack(new App(), 'Archive', { env });
  return new LogArchive(stack, 'Archive', { trails: [ACCOUNT_TRAIL], ...props });
}

function errorOf(fn: () => unknown): CloudTrailBaselineError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CloudTrailBaselineError);
    return e as CloudTrailBaselineError;
  }
  throw new Error('expected an error');
}

describe('LogArchiveProps.breakGlassRoleArns', () => {
  test.each([
    ['a user, not a role', 'arn:aws:iam::111111111111:user/alice'],
    ['a wildcard', 'arn:aws:iam::111111111111:role/*'],
    ['an 11-digit account', 'arn:aws:iam::11111111111:role/BreakGlass'],
    ['an assumed-role session', 'arn:aws:sts::111111111111:assumed-role/BreakGlass/alice'],
    ['a role name', 'BreakGlass'],
  ])('%s', (_label, arn) => {
    const error = errorOf(() => build({ breakGlassRoleArns: ['arn:aws:iam::111111111111:role/Ok', arn] }));
    expect(error.property).toBe('LogArchiveProps.breakGlassRoleArns');
    expect(error.message).toContain('must be IAM role ARNs such as \'arn:aws:iam::111111111111:role/BreakGlass\'');
    expect(error.message).toContain(`got '${arn}'`);
  });

  test('a role of another partition', () => {
    expect(() => build({ breakGlassRoleArns: ['arn:aws-cn:iam::111111111111:role/BreakGlass'] }))
      .toThrow(/^LogArchiveProps\.breakGlassRoleArns: must be in the archive's partition 'aws'/);
  });

  test('a role with a path, and a token, are accepted', () => {
    expect(() => build({ breakGlassRoleArns: ['arn:aws:iam::111111111111:role/security/incident/BreakGlass'] })).not.toThrow();
    const stack = new Stack(new App(), 'S', { env: ARCHIVE_ENV });
    const token = new CfnParameter(stack, 'BreakGlassRoleArn').valueAsString;
    expect(() => new LogArchive(stack, 'A', { trails: [ACCOUNT_TRAIL], breakGlassRoleArns: [token] })).not.toThrow();
  });

  test('given while denyEvidenceTampering is false', () => {
    expect(() => build({ denyEvidenceTampering: false, breakGlassRoleArns: ['arn:aws:iam::111111111111:role/BreakGlass'] }))
      .toThrow(/^LogArchiveProps\.breakGlassRoleArns: only applies to the evidence-protection statement, which denyEvidenceTampering: false turns off/);
  });
});

describe('LogArchiveProps.deploymentRoleArn', () => {
  test('not a role ARN', () => {
    expect(() => build({ deploymentRoleArn: 'cdk-hnb659fds-cfn-exec-role' }))
      .toThrow(/^LogArchiveProps\.deploymentRoleArn: must be IAM role ARNs .*got 'cdk-hnb659fds-cfn-exec-role'/);
  });

  test('given while denyEvidenceTampering is false', () => {
    expect(() => build({ denyEvidenceTampering: false, deploymentRoleArn: 'arn:aws:iam::111111111111:role/Deploy' }))
      .toThrow(/^LogArchiveProps\.deploymentRoleArn: only applies to the evidence-protection statement/);
  });
});

describe('LogArchiveProps.accessLogsBucketName', () => {
  test('the same name as bucketName', () => {
    expect(() => build({ bucketName: 'example-cloudtrail-archive', accessLogsBucketName: 'example-cloudtrail-archive' }))
      .toThrow(/^LogArchiveProps\.accessLogsBucketName: must differ from bucketName \(both 'example-cloudtrail-archive'\)/);
  });
});

describe('LogArchiveProps.encryptionKeyAlias', () => {
  test('two archives with the same alias in one account and region', () => {
    const app = new App();
    new LogArchive(new Stack(app, 'A', { env: ARCHIVE_ENV }), 'Archive', { trails: [ACCOUNT_TRAIL] });
    expect(() => new LogArchive(new Stack(app, 'B', { env: ARCHIVE_ENV }), 'Archive', { trails: [ACCOUNT_TRAIL] }))
      .toThrow(/^LogArchiveProps\.encryptionKeyAlias: must be unique in account 111111111111 and region us-east-1: the log archive A\/Archive already uses 'alias\/cloudtrail-log-archive'/);
  });

  test('the same alias in another region, or another alias: accepted', () => {
    const app = new App();
    new LogArchive(new Stack(app, 'A', { env: ARCHIVE_ENV }), 'Archive', { trails: [ACCOUNT_TRAIL] });
    expect(() => new LogArchive(new Stack(app, 'B', { env: { ...ARCHIVE_ENV, region: 'eu-west-1' } }), 'Archive', { trails: [ACCOUNT_TRAIL] })).not.toThrow();
    expect(() => new LogArchive(new Stack(app, 'C', { env: ARCHIVE_ENV }), 'Archive', { trails: [ACCOUNT_TRAIL], encryptionKeyAlias: 'alias/other' })).not.toThrow();
  });
});

describe('grantOrganizationRead', () => {
  const ok: OrganizationReadOptions = { organizationId: 'o-a1b2c3d4e5', accountIds: ['333333333333'] };
  const grant = (options: Partial<OrganizationReadOptions>) =>
    () => build({}).grantOrganizationRead({ ...ok, ...options } as OrganizationReadOptions);

  test('OrganizationReadOptions.organizationId malformed', () => {
    expect(grant({ organizationId: 'o-ABC' })).toThrow(/^OrganizationReadOptions\.organizationId: must be an AWS Organizations ID, 'o-' followed by 10 to 32/);
  });

  test('OrganizationReadOptions.organizationId empty', () => {
    expect(grant({ organizationId: '' })).toThrow(/^OrganizationReadOptions\.organizationId: is required/);
  });

  test('neither accountIds nor principalArns', () => {
    const error = errorOf(grant({ accountIds: [], principalArns: undefined }));
    expect(error.property).toBe('OrganizationReadOptions.accountIds');
    expect(error.message).toMatch(/or principalArns must name at least one reader/);
  });

  test('OrganizationReadOptions.accountIds malformed', () => {
    expect(grant({ accountIds: ['333333333333', '3333'] })).toThrow(/^OrganizationReadOptions\.accountIds: must be a 12-digit AWS account ID \(got '3333'\)/);
  });

  test('OrganizationReadOptions.principalArns malformed', () => {
    expect(grant({ accountIds: undefined, principalArns: ['arn:aws:iam::333333333333:role/*'] }))
      .toThrow(/^OrganizationReadOptions\.principalArns: must be IAM role ARNs/);
  });

  test('OrganizationReadOptions.principalArns of another partition', () => {
    expect(grant({ principalArns: ['arn:aws-us-gov:iam::333333333333:role/Reader'] }))
      .toThrow(/^OrganizationReadOptions\.principalArns: must be in the archive's partition 'aws'/);
  });
});
