/**
 * The MFA delete check handler: GetBucketVersioning on the vault, the metric value, the EMF log
 * line CloudWatch extracts it from, and errors thrown (so the alarm's missing data breaches).
 */
import { GetBucketVersioningCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { emfRecord, handler } from '../../../lib/log-archive/mfa-delete-check-handler';

const s3 = mockClient(S3Client);
let stdout: jest.SpyInstance;
const env = { ...process.env };

beforeEach(() => {
  s3.reset();
  process.env.VAULT_BUCKET_NAME = 'cloudtrail-vault';
  stdout = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
});

afterEach(() => {
  process.env = { ...env };
  stdout.mockRestore();
});

/** The JSON objects the handler wrote to stdout, one per line. */
function emfLines(): any[] {
  return stdout.mock.calls.map(([chunk]) => String(chunk)).flatMap((text) => text.split('\n').filter((l) => l !== '')).map((l) => JSON.parse(l));
}

test('MFA delete and versioning enabled: 1', async () => {
  s3.on(GetBucketVersioningCommand, { Bucket: 'cloudtrail-vault' }).resolves({ Status: 'Enabled', MFADelete: 'Enabled' });
  await expect(handler()).resolves.toEqual({ bucket: 'cloudtrail-vault', versioning: 'Enabled', mfaDelete: 'Enabled', mfaDeleteEnabled: 1 });
  expect(s3.commandCalls(GetBucketVersioningCommand)).toHaveLength(1);
  expect(s3.commandCalls(GetBucketVersioningCommand)[0].args[0].input).toEqual({ Bucket: 'cloudtrail-vault' });
  const [line] = emfLines();
  expect(line.MfaDeleteEnabled).toBe(1);
});

test('MFA delete disabled: 0', async () => {
  s3.on(GetBucketVersioningCommand).resolves({ Status: 'Enabled', MFADelete: 'Disabled' });
  await expect(handler()).resolves.toMatchObject({ mfaDelete: 'Disabled', mfaDeleteEnabled: 0 });
  expect(emfLines()[0].MfaDeleteEnabled).toBe(0);
});

test('MFA delete never configured (absent from the response): 0', async () => {
  s3.on(GetBucketVersioningCommand).resolves({ Status: 'Enabled' });
  await expect(handler()).resolves.toMatchObject({ versioning: 'Enabled', mfaDelete: 'absent', mfaDeleteEnabled: 0 });
  expect(emfLines()[0].MfaDeleteEnabled).toBe(0);
});

test('versioning suspended, even with MFADelete Enabled: 0', async () => {
  s3.on(GetBucketVersioningCommand).resolves({ Status: 'Suspended', MFADelete: 'Enabled' });
  await expect(handler()).resolves.toMatchObject({ mfaDeleteEnabled: 0 });
});

test('access denied: the error is thrown and no metric is written', async () => {
  s3.on(GetBucketVersioningCommand).rejects(new S3ServiceException({ name: 'AccessDenied', $fault: 'client', $metadata: { httpStatusCode: 403 }, message: 'Access Denied' }));
  await expect(handler()).rejects.toThrow('Access Denied');
  expect(emfLines()).toEqual([]);
});

test('no VAULT_BUCKET_NAME: thrown, S3 not called', async () => {
  delete process.env.VAULT_BUCKET_NAME;
  await expect(handler()).rejects.toThrow('VAULT_BUCKET_NAME is not set');
  expect(s3.commandCalls(GetBucketVersioningCommand)).toHaveLength(0);
});

test('the log line is one CloudWatch Embedded Metric Format object', async () => {
  s3.on(GetBucketVersioningCommand).resolves({ Status: 'Enabled', MFADelete: 'Enabled' });
  const before = Date.now();
  await handler();
  const written = String(stdout.mock.calls[0][0]);
  expect(written.endsWith('\n')).toBe(true);
  expect(written.indexOf('\n')).toBe(written.length - 1);
  const line = JSON.parse(written);
  expect(line._aws.Timestamp).toBeGreaterThanOrEqual(before);
  expect(line).toEqual({
    _aws: {
      Timestamp: line._aws.Timestamp,
      CloudWatchMetrics: [{ Namespace: 'CloudTrailBaseline/LogArchive', Dimensions: [['BucketName']], Metrics: [{ Name: 'MfaDeleteEnabled', Unit: 'None' }] }],
    },
    BucketName: 'cloudtrail-vault',
    MfaDeleteEnabled: 1,
    Versioning: 'Enabled',
    MFADelete: 'Enabled',
  });
});

test('emfRecord: the metric value and the dimension come from the result', () => {
  const record = JSON.parse(emfRecord({ bucket: 'b-1', versioning: 'absent', mfaDelete: 'absent', mfaDeleteEnabled: 0 }, 1700000000000));
  expect(record._aws.Timestamp).toBe(1700000000000);
  expect(record.BucketName).toBe('b-1');
  expect(record.MfaDeleteEnabled).toBe(0);
});
