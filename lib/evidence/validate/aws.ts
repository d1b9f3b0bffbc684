/**
 * `ValidateServices` with the AWS SDK for JavaScript v3: S3 (ListObjectsV2, GetObject), CloudTrail
 * (DescribeTrails, ListPublicKeys) and Organizations (DescribeOrganization). Credentials from the
 * SDK's default chain.
 *
 * Internal module: bundled with the SDK into assets/validate/index.js (see .projenrc.ts).
 */
import { readFileSync } from 'node:fs';
// The SDK is a devDependency: esbuild bundles it into assets/validate/index.js (see .projenrc.ts).
/* eslint-disable import/no-extraneous-dependencies */
import { CloudTrailClient, DescribeTrailsCommand, ListPublicKeysCommand } from '@aws-sdk/client-cloudtrail';
import { DescribeOrganizationCommand, OrganizationsClient } from '@aws-sdk/client-organizations';
import { GetObjectCommand, ListObjectsV2Command, NoSuchKey, S3Client } from '@aws-sdk/client-s3';
/* eslint-enable import/no-extraneous-dependencies */
import { ValidateArgs } from './args';
import { TrailInfo, ValidateServices, ValidateUsageError } from './command';
import { PublicKey, PublicKeySource } from '../digest-chain';

function isNotFound(e: unknown): boolean {
  return e instanceof NoSuchKey || (e instanceof Error && (e.name === 'NoSuchKey' || e.name === 'NotFound'));
}

/** Reads `aws cloudtrail list-public-keys` output: `{ "PublicKeyList": [{ "Value", "Fingerprint", "ValidityStartTime", "ValidityEndTime" }] }`. */
export function readPublicKeysFile(file: string): PublicKey[] {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ValidateUsageError(`--public-keys ${file}: not readable JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const list = (data as { PublicKeyList?: unknown } | null)?.PublicKeyList;
  if (!Array.isArray(list)) throw new ValidateUsageError(`--public-keys ${file}: no PublicKeyList array (the output of 'aws cloudtrail list-public-keys')`);
  return list.map((entry: Record<string, unknown>, i) => {
    if (typeof entry?.Value !== 'string' || typeof entry.Fingerprint !== 'string') {
      throw new ValidateUsageError(`--public-keys ${file}: PublicKeyList[${i}] needs a base64 Value and a Fingerprint`);
    }
    const time = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? new Date(typeof v === 'number' ? v * 1000 : v) : undefined);
    return {
      fingerprint: entry.Fingerprint,
      value: Buffer.from(entry.Value, 'base64'),
      validityStart: time(entry.ValidityStartTime),
      validityEnd: time(entry.ValidityEndTime),
    };
  });
}

/** Public keys from a file: those whose validity overlaps the range. */
export function fileKeySource(keys: readonly PublicKey[]): PublicKeySource {
  return {
    keysBetween: async (start, end) => keys.filter((k) => (k.validityStart === undefined || k.validityStart.getTime() <= end.getTime())
      && (k.validityEnd === undefined || k.validityEnd.getTime() >= start.getTime())),
  };
}

/** Creates the services for the parsed arguments. */
export function awsServices(args: ValidateArgs): ValidateServices {
  const s3 = new S3Client({
    region: args.region ?? args.homeRegion,
    ...(args.endpointUrl ? { endpoint: args.endpointUrl, forcePathStyle: true } : { followRegionRedirects: true }),
  });
  const cloudtrail = new CloudTrailClient({ region: args.homeRegion });
  const publicKeys: PublicKeySource = args.publicKeysFile !== undefined
    ? fileKeySource(readPublicKeysFile(args.publicKeysFile))
    : {
      keysBetween: async (start, end) => {
        const keys: PublicKey[] = [];
        let token: string | undefined;
        do {
          const page = await cloudtrail.send(new ListPublicKeysCommand({ StartTime: start, EndTime: end, NextToken: token }));
          for (const k of page.PublicKeyList ?? []) {
            if (k.Value && k.Fingerprint) {
              keys.push({ fingerprint: k.Fingerprint, value: k.Value, validityStart: k.ValidityStartTime, validityEnd: k.ValidityEndTime });
            }
          }
          token = page.NextToken;
        } while (token);
        return keys;
      },
    };
  return {
    publicKeys,
    store: {
      async *listKeys(bucket, prefix, startAfter) {
        let token: string | undefined;
        do {
          const page = await s3.send(new ListObjectsV2Command({
            Bucket: bucket, Prefix: prefix, ContinuationToken: token, StartAfter: token ? undefined : startAfter,
          }));
          for (const o of page.Contents ?? []) if (o.Key) yield o.Key;
          token = page.IsTruncated ? page.NextContinuationToken : undefined;
        } while (token);
      },
      async getObject(bucket, key) {
        try {
          const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
          const body = res.Body ? await res.Body.transformToByteArray() : new Uint8Array();
          return { body, metadata: res.Metadata ?? {} };
        } catch (e) {
          if (isNotFound(e)) return undefined;
          throw e;
        }
      },
    },
    async describeTrail(trailArn): Promise<TrailInfo | undefined> {
      const res = await cloudtrail.send(new DescribeTrailsCommand({ trailNameList: [trailArn], includeShadowTrails: true }));
      const trail = (res.trailList ?? []).find((t) => t.TrailARN === trailArn);
      if (!trail?.S3BucketName) return undefined;
      return {
        s3BucketName: trail.S3BucketName,
        s3KeyPrefix: trail.S3KeyPrefix || undefined,
        isOrganizationTrail: trail.IsOrganizationTrail === true,
      };
    },
    async organizationId() {
      const res = await new OrganizationsClient({ region: args.homeRegion }).send(new DescribeOrganizationCommand({}));
      const id = res.Organization?.Id;
      if (!id) throw new ValidateUsageError('organizations:DescribeOrganization returned no organization: pass --organization-id');
      return id;
    },
    async getLogFile(bucket, key) {
      try {
        const res = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return (res.Body as AsyncIterable<Uint8Array> | undefined) ?? (async function* () { /* empty */ })();
      } catch (e) {
        if (isNotFound(e)) return undefined;
        throw e;
      }
    },
  };
}
