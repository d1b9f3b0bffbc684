/**
 * Log archive protection mode "MFA delete vault": the archive bucket keeps its lifecycle and
 * replicates into a vault bucket without lifecycle, a scheduled function checks MFA delete on the
 * vault, and an alarm fires while it is off. CloudFormation cannot enable MFA delete (the root
 * user must, with the command in the stack output EnableMfaDeleteCommand), so after deployment
 * the check reports it off: that is what this test asserts.
 * See "Integration tests" in README.md for how to run it against a sandbox account.
 */
import { IFunction } from 'aws-cdk-lib/aws-lambda';
import { StorageClass } from 'aws-cdk-lib/aws-s3';
import { assertMfaDeleteVault, protectionModeTest } from './support';
import { TamperProtection } from '../lib';

const app = protectionModeTest({
  mode: 'mfa-delete',
  logArchiveProps: { tamperProtection: TamperProtection.mfaDelete({ vaultStorageClass: StorageClass.DEEP_ARCHIVE }) },
  assertProtection: (integ, logArchive) => {
    // The check function is internal to the vault construct (LogArchive/Vault/Check).
    const check = logArchive.node.findChild('Vault').node.findChild('Check') as unknown as { function: IFunction };
    const alarm = logArchive.mfaDeleteAlarm!;
    assertMfaDeleteVault(integ, {
      archiveBucketName: logArchive.bucket.bucketName,
      vaultBucketName: logArchive.vaultBucket!.bucketName,
      storageClass: 'DEEP_ARCHIVE',
      checkFunctionName: check.function.functionName,
      alarmName: alarm.alarmName,
    });
  },
});
app.synth();
