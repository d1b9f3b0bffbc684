"use strict";
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: true }), mod);

// lib/evidence/digest-validator-handler/index.ts
var index_exports = {};
__export(index_exports, {
  checkDigest: () => checkDigest,
  emfRecord: () => emfRecord,
  handler: () => handler
});
module.exports = __toCommonJS(index_exports);
var import_node_zlib2 = require("node:zlib");
var import_client_cloudtrail = require("@aws-sdk/client-cloudtrail");
var import_client_s3 = require("@aws-sdk/client-s3");

// lib/evidence/digest-validator-handler/contract.ts
var ARCHIVE_BUCKET_ENV = "ARCHIVE_BUCKET_NAME";
var METRIC_NAMESPACE = "CloudTrailBaseline/Evidence";
var METRICS = {
  /** 1 when the digest's signature and its link to the previous digest are valid, else 0. */
  digestValid: "DigestFilesValid",
  /** 1 when the digest is invalid (format, signature, moved, public key, previous digest), else 0. */
  digestInvalid: "DigestFilesInvalid",
  /** The log files the digest lists whose hash matches. */
  logValid: "LogFilesValid",
  /** The log files whose hash does not match, or that are not gzip. */
  logInvalid: "LogFilesInvalid",
  /** The log files the digest lists that are not in the archive (NoSuchKey). */
  logMissing: "LogFilesMissing"
};
var LOG_FILE_CONCURRENCY = 8;
var MAX_LISTED_PROBLEMS = 50;

// lib/evidence/digest-file.ts
var import_node_crypto = require("node:crypto");
var SIGNATURE_METADATA = "signature";
var SIGNATURE_ALGORITHM_METADATA = "signature-algorithm";
var REQUIRED_KEYS = [
  "digestPublicKeyFingerprint",
  "digestS3Bucket",
  "digestS3Object",
  "previousDigestSignature",
  "digestEndTime",
  "digestStartTime"
];
var DigestFormatError = class _DigestFormatError extends Error {
  constructor(message) {
    super(message);
    this.name = "DigestFormatError";
    Object.setPrototypeOf(this, _DigestFormatError.prototype);
  }
};
var PublicKeyFormatError = class _PublicKeyFormatError extends Error {
  constructor(message) {
    super(message);
    this.name = "PublicKeyFormatError";
    Object.setPrototypeOf(this, _PublicKeyFormatError.prototype);
  }
};
function parseDigestFile(inflated) {
  let data;
  try {
    data = JSON.parse(Buffer.from(inflated).toString("utf8"));
  } catch {
    throw new DigestFormatError("not JSON");
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) throw new DigestFormatError("not a JSON object");
  const record = data;
  for (const key of REQUIRED_KEYS) {
    if (!(key in record)) throw new DigestFormatError(`no ${key}`);
  }
  for (const key of ["digestPublicKeyFingerprint", "digestS3Bucket", "digestS3Object", "digestEndTime", "digestStartTime"]) {
    if (typeof record[key] !== "string") throw new DigestFormatError(`${key} is not a string`);
  }
  if (record.previousDigestSignature !== null && typeof record.previousDigestSignature !== "string") {
    throw new DigestFormatError("previousDigestSignature is neither a string nor null");
  }
  for (const key of ["digestStartTime", "digestEndTime"]) {
    if (Number.isNaN(Date.parse(record[key]))) throw new DigestFormatError(`${key} is not a date`);
  }
  const logFiles = record.logFiles ?? [];
  if (!Array.isArray(logFiles)) throw new DigestFormatError("logFiles is not an array");
  for (const log of logFiles) {
    const entry = log;
    if (typeof entry !== "object" || entry === null || typeof entry.s3Bucket !== "string" || typeof entry.s3Object !== "string" || typeof entry.hashValue !== "string") {
      throw new DigestFormatError("a logFiles entry lacks s3Bucket, s3Object or hashValue");
    }
  }
  return { ...record, logFiles };
}
function sha256Hex(bytes) {
  return (0, import_node_crypto.createHash)("sha256").update(bytes).digest("hex");
}
function stringToSign(digest, inflated) {
  const previous = digest.previousDigestSignature ?? "null";
  return `${digest.digestEndTime}
${digest.digestS3Bucket}/${digest.digestS3Object}
${sha256Hex(inflated)}
${previous}`;
}
function verifyDigestSignature(publicKey, signatureHex, toSign) {
  const der = typeof publicKey === "string" ? Buffer.from(publicKey, "base64") : Buffer.from(publicKey);
  let key;
  try {
    key = (0, import_node_crypto.createPublicKey)({ key: der, format: "der", type: "pkcs1" });
  } catch {
    throw new PublicKeyFormatError("Unable to load PKCS #1 key");
  }
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(signatureHex)) return false;
  try {
    return (0, import_node_crypto.verify)("sha256", Buffer.from(toSign, "utf8"), key, Buffer.from(signatureHex, "hex"));
  } catch {
    return false;
  }
}
function parseDigestDate(text) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return /* @__PURE__ */ new Date(NaN);
  return new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]));
}
var DIGEST_KEY = /^(?:(.+)\/)?AWSLogs\/(?:(o-[a-z0-9]{10,32})\/)?(\d{12})\/CloudTrail-Digest\/([a-z0-9-]+)\/\d{4}\/\d{2}\/\d{2}\/(\d{12})_CloudTrail-Digest_([a-z0-9-]+)_(.+)_([a-z0-9-]+)_(\d{8}T\d{6}Z)(_backfill)?\.json\.gz$/;
function parseDigestKey(key) {
  const m = DIGEST_KEY.exec(key);
  if (!m || m[3] !== m[5] || m[4] !== m[6]) return void 0;
  return {
    prefix: m[1],
    organizationId: m[2],
    accountId: m[3],
    region: m[4],
    trailName: m[7],
    homeRegion: m[8],
    time: parseDigestDate(m[9]),
    backfill: m[10] !== void 0
  };
}

// lib/evidence/log-file-hash.ts
var import_node_crypto2 = require("node:crypto");
var import_node_zlib = require("node:zlib");
async function hashLogFile(body) {
  const hash = (0, import_node_crypto2.createHash)("sha256");
  const gunzip2 = (0, import_node_zlib.createGunzip)();
  const done = new Promise((resolve, reject) => {
    gunzip2.on("data", (chunk) => hash.update(chunk));
    gunzip2.on("end", resolve);
    gunzip2.on("error", reject);
  });
  done.catch(() => void 0);
  try {
    const chunks = body instanceof Uint8Array ? [body] : body;
    for await (const chunk of chunks) {
      if (!gunzip2.write(chunk)) await new Promise((resolve) => gunzip2.once("drain", resolve));
    }
    gunzip2.end();
    await done;
  } catch (e) {
    return { kind: "invalid-format", reason: e instanceof Error ? e.message : String(e) };
  } finally {
    gunzip2.destroy();
  }
  return { kind: "hash", hex: hash.digest("hex") };
}

// lib/evidence/map-limit.ts
async function mapLimit(items, limit, work) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

// lib/evidence/digest-validator-handler/index.ts
var s3 = new import_client_s3.S3Client({});
var cloudTrailClients = /* @__PURE__ */ new Map();
var publicKeys = /* @__PURE__ */ new Map();
function emfRecord(check, timestamp) {
  return JSON.stringify({
    _aws: {
      Timestamp: timestamp,
      CloudWatchMetrics: [{
        Namespace: METRIC_NAMESPACE,
        Dimensions: [[]],
        Metrics: Object.values(METRICS).map((Name) => ({ Name, Unit: "Count" }))
      }]
    },
    [METRICS.digestValid]: check.digest === "valid" ? 1 : 0,
    [METRICS.digestInvalid]: check.digest === "invalid" ? 1 : 0,
    [METRICS.logValid]: check.logFiles.valid,
    [METRICS.logInvalid]: check.logFiles.invalid,
    [METRICS.logMissing]: check.logFiles.missing,
    DigestBucket: check.bucket,
    DigestKey: check.key,
    AccountId: check.accountId,
    Region: check.region,
    Result: check.problems.length === 0 ? "valid" : "invalid",
    Reason: check.reason,
    PreviousChecked: check.previousChecked,
    Problems: check.problems.slice(0, MAX_LISTED_PROBLEMS),
    ProblemCount: check.problems.length
  });
}
function isNoSuchKey(e) {
  const error = e;
  return error?.name === "NoSuchKey" || error?.Code === "NoSuchKey" || error?.name === "NotFound" || error?.$metadata?.httpStatusCode === 404;
}
async function getObject(bucket, key) {
  try {
    return await s3.send(new import_client_s3.GetObjectCommand({ Bucket: bucket, Key: key }));
  } catch (e) {
    if (isNoSuchKey(e)) return void 0;
    throw e;
  }
}
async function getBytes(bucket, key) {
  const response = await getObject(bucket, key);
  if (!response) return void 0;
  const bytes = response.Body ? await response.Body.transformToByteArray() : new Uint8Array();
  return { bytes, metadata: response.Metadata ?? {} };
}
function gunzip(bytes) {
  try {
    return (0, import_node_zlib2.gunzipSync)(bytes);
  } catch {
    return void 0;
  }
}
async function publicKeyFor(homeRegion, fingerprint, start, end) {
  const cacheKey = `${homeRegion} ${fingerprint}`;
  const cached = publicKeys.get(cacheKey);
  if (cached) return cached;
  let client = cloudTrailClients.get(homeRegion);
  if (!client) {
    client = new import_client_cloudtrail.CloudTrailClient({ region: homeRegion });
    cloudTrailClients.set(homeRegion, client);
  }
  let nextToken;
  do {
    const page = await client.send(new import_client_cloudtrail.ListPublicKeysCommand({ StartTime: start, EndTime: end, NextToken: nextToken }));
    for (const k of page.PublicKeyList ?? []) {
      if (k.Fingerprint && k.Value) publicKeys.set(`${homeRegion} ${k.Fingerprint}`, k.Value);
    }
    nextToken = page.NextToken;
  } while (nextToken);
  return publicKeys.get(cacheKey);
}
var HOUR = 36e5;
async function checkPrevious(bucket, digest) {
  const previousKey = digest.previousDigestS3Object;
  const previousBucket = digest.previousDigestS3Bucket;
  if (previousKey === null || previousKey === void 0 || previousBucket === null || previousBucket === void 0) return { checked: false };
  if (previousBucket !== bucket) return { checked: false };
  const previous = await getBytes(previousBucket, previousKey);
  if (!previous) return { checked: true, problem: { file: "previous digest", s3Object: previousKey, result: "missing", reason: "the previous digest this digest names is not in the archive" } };
  const inflated = gunzip(previous.bytes);
  if (!inflated || sha256Hex(inflated) !== digest.previousDigestHashValue) {
    return { checked: true, problem: { file: "previous digest", s3Object: previousKey, result: "invalid", reason: "the previous digest's hash is not the previousDigestHashValue of this digest" } };
  }
  if (previous.metadata[SIGNATURE_METADATA] !== digest.previousDigestSignature) {
    return { checked: true, problem: { file: "previous digest", s3Object: previousKey, result: "invalid", reason: "the previous digest's signature is not the previousDigestSignature of this digest" } };
  }
  return { checked: true };
}
async function checkLogFile(entry) {
  const response = await getObject(entry.s3Bucket, entry.s3Object);
  if (!response) return { file: "log file", s3Object: entry.s3Object, result: "missing", reason: "not in the archive (NoSuchKey)" };
  const body = response.Body;
  const hash = await hashLogFile(body ?? new Uint8Array());
  if (hash.kind === "invalid-format") return { file: "log file", s3Object: entry.s3Object, result: "invalid", reason: `invalid format: ${hash.reason}` };
  if (hash.hex !== entry.hashValue.toLowerCase()) return { file: "log file", s3Object: entry.s3Object, result: "invalid", reason: "hash value does not match" };
  return void 0;
}
async function checkDigest(bucket, key) {
  const parsed = parseDigestKey(key);
  const base = { bucket, key, accountId: parsed?.accountId, region: parsed?.region };
  const invalid = (reason, result = "invalid", previousChecked = false) => ({
    ...base,
    digest: "invalid",
    reason,
    previousChecked,
    logFiles: { valid: 0, invalid: 0, missing: 0 },
    problems: [{ file: "digest", s3Object: key, result, reason }]
  });
  if (!parsed) return invalid("not the key of a CloudTrail digest file");
  const object = await getBytes(bucket, key);
  if (!object) return invalid("the digest is no longer in the archive", "missing");
  const signature = object.metadata[SIGNATURE_METADATA];
  if (signature === void 0 || object.metadata[SIGNATURE_ALGORITHM_METADATA] === void 0) {
    return invalid("no signature metadata (x-amz-meta-signature, x-amz-meta-signature-algorithm)");
  }
  const inflated = gunzip(object.bytes);
  if (!inflated) return invalid("invalid format: not gzip");
  let digest;
  try {
    digest = parseDigestFile(inflated);
  } catch (e) {
    if (e instanceof DigestFormatError) return invalid(`invalid format: ${e.message}`);
    throw e;
  }
  if (digest.digestS3Bucket !== bucket || digest.digestS3Object !== key) return invalid("has been moved from its original location");
  let start = new Date(Date.parse(digest.digestStartTime) - HOUR);
  let end = new Date(Math.min(Date.parse(digest.digestEndTime) + 2 * HOUR, Date.now()));
  if (parsed.backfill) {
    const generated = object.metadata["backfill-generation-timestamp"];
    if (generated === void 0) return invalid("invalid format: a backfill digest without backfill-generation-timestamp");
    const at = parseDigestDate(generated).getTime() || Date.parse(generated);
    start = new Date(at - HOUR);
    end = new Date(at + HOUR);
  }
  if (end.getTime() < start.getTime()) end = start;
  const fingerprint = digest.digestPublicKeyFingerprint;
  const publicKey = await publicKeyFor(parsed.homeRegion, fingerprint, start, end);
  if (!publicKey) return invalid(`public key not found in region ${parsed.homeRegion} for fingerprint ${fingerprint}`);
  let authentic;
  try {
    authentic = verifyDigestSignature(publicKey, signature, stringToSign(digest, inflated));
  } catch (e) {
    if (e instanceof PublicKeyFormatError) return invalid(`unable to load PKCS #1 key with fingerprint ${fingerprint}`);
    throw e;
  }
  if (!authentic) return invalid("signature verification failed");
  const previous = await checkPrevious(bucket, digest);
  const logProblems = (await mapLimit(digest.logFiles, LOG_FILE_CONCURRENCY, checkLogFile)).filter((p) => p !== void 0);
  const missing = logProblems.filter((p) => p.result === "missing").length;
  const problems = [...previous.problem ? [previous.problem] : [], ...logProblems];
  return {
    ...base,
    digest: previous.problem ? "invalid" : "valid",
    reason: previous.problem ? previous.problem.result === "missing" ? "previous digest missing" : previous.problem.reason : void 0,
    previousChecked: previous.checked,
    logFiles: { valid: digest.logFiles.length - logProblems.length, invalid: logProblems.length - missing, missing },
    problems
  };
}
async function handler(event) {
  const archive = process.env[ARCHIVE_BUCKET_ENV];
  if (!archive) throw new Error(`${ARCHIVE_BUCKET_ENV} is not set`);
  const bucket = event?.detail?.bucket?.name;
  const rawKey = event?.detail?.object?.key;
  if (bucket !== archive || typeof rawKey !== "string") {
    throw new Error(`not an Object Created event of the archive bucket ${archive}: ${JSON.stringify(event?.detail ?? null)}`);
  }
  let key = rawKey;
  if (!parseDigestKey(rawKey)) {
    try {
      key = decodeURIComponent(rawKey.replace(/\+/g, " "));
    } catch {
      key = rawKey;
    }
  }
  const check = await checkDigest(bucket, key);
  process.stdout.write(`${emfRecord(check, Date.now())}
`);
  return check;
}
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  checkDigest,
  emfRecord,
  handler
});
