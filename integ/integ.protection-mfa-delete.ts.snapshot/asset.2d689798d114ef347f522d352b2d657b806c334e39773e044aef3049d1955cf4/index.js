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

// lib/log-archive/mfa-delete-check-handler/index.ts
var index_exports = {};
__export(index_exports, {
  emfRecord: () => emfRecord,
  handler: () => handler
});
module.exports = __toCommonJS(index_exports);
var import_client_s3 = require("@aws-sdk/client-s3");

// lib/log-archive/mfa-delete-check-handler/contract.ts
var VAULT_BUCKET_ENV = "VAULT_BUCKET_NAME";
var METRIC_NAMESPACE = "CloudTrailBaseline/LogArchive";
var METRIC_NAME = "MfaDeleteEnabled";
var BUCKET_DIMENSION = "BucketName";

// lib/log-archive/mfa-delete-check-handler/index.ts
var s3 = new import_client_s3.S3Client({});
function emfRecord(result, timestamp) {
  return JSON.stringify({
    _aws: {
      Timestamp: timestamp,
      CloudWatchMetrics: [{
        Namespace: METRIC_NAMESPACE,
        Dimensions: [[BUCKET_DIMENSION]],
        Metrics: [{ Name: METRIC_NAME, Unit: "None" }]
      }]
    },
    [BUCKET_DIMENSION]: result.bucket,
    [METRIC_NAME]: result.mfaDeleteEnabled,
    Versioning: result.versioning,
    MFADelete: result.mfaDelete
  });
}
async function handler() {
  const bucket = process.env[VAULT_BUCKET_ENV];
  if (!bucket) {
    throw new Error(`${VAULT_BUCKET_ENV} is not set`);
  }
  const response = await s3.send(new import_client_s3.GetBucketVersioningCommand({ Bucket: bucket }));
  const versioning = response.Status ?? "absent";
  const mfaDelete = response.MFADelete ?? "absent";
  const result = {
    bucket,
    versioning,
    mfaDelete,
    mfaDeleteEnabled: versioning === "Enabled" && mfaDelete === "Enabled" ? 1 : 0
  };
  process.stdout.write(`${emfRecord(result, Date.now())}
`);
  return result;
}
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  emfRecord,
  handler
});
