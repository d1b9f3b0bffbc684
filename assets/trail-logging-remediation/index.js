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

// lib/trail/trail-logging-remediation-handler/index.ts
var index_exports = {};
__export(index_exports, {
  handler: () => handler,
  knownTrail: () => knownTrail
});
module.exports = __toCommonJS(index_exports);
var import_client_cloudtrail = require("@aws-sdk/client-cloudtrail");

// lib/trail/trail-logging-remediation-handler/contract.ts
var TRAIL_ARNS_ENV = "TRAIL_ARNS";

// lib/trail/trail-logging-remediation-handler/index.ts
var cloudtrail = new import_client_cloudtrail.CloudTrailClient({});
function knownTrail(name, trailArns) {
  if (!name) return void 0;
  return trailArns.find((arn) => arn === name || arn.endsWith(`:trail/${name}`));
}
async function handler(event) {
  const trailArns = JSON.parse(process.env[TRAIL_ARNS_ENV] ?? "[]");
  const detail = event.detail ?? {};
  if (detail.eventSource !== "cloudtrail.amazonaws.com" || detail.eventName !== "StopLogging" || detail.errorCode !== void 0) {
    throw new Error(`not a successful StopLogging call: ${JSON.stringify({ eventSource: detail.eventSource, eventName: detail.eventName, errorCode: detail.errorCode })}`);
  }
  const trailArn = knownTrail(detail.requestParameters?.name, trailArns);
  if (trailArn === void 0) {
    throw new Error(`StopLogging named '${detail.requestParameters?.name}', which is none of this function's trails (${trailArns.join(", ")})`);
  }
  const status = await cloudtrail.send(new import_client_cloudtrail.GetTrailStatusCommand({ Name: trailArn }));
  const result = { trailArn, stoppedBy: detail.userIdentity?.arn, stoppedAt: detail.eventTime };
  if (status.IsLogging) {
    console.log(JSON.stringify({ ...result, action: "already-logging" }));
    return { ...result, action: "already-logging" };
  }
  await cloudtrail.send(new import_client_cloudtrail.StartLoggingCommand({ Name: trailArn }));
  console.log(JSON.stringify({ ...result, action: "restarted" }));
  return { ...result, action: "restarted" };
}
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  handler,
  knownTrail
});
