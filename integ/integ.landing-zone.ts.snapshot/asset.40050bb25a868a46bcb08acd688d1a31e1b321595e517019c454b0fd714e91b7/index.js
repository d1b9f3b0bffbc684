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

// lib/alarm-actions/notifier-handler/index.ts
var index_exports = {};
__export(index_exports, {
  MAX_ENRICHMENT_MS: () => MAX_ENRICHMENT_MS,
  SAFETY_MARGIN_MS: () => SAFETY_MARGIN_MS,
  handler: () => handler
});
module.exports = __toCommonJS(index_exports);
var import_client_cloudwatch_logs2 = require("@aws-sdk/client-cloudwatch-logs");
var import_client_secrets_manager2 = require("@aws-sdk/client-secrets-manager");
var import_client_sns = require("@aws-sdk/client-sns");

// lib/alarm-actions/notifier-handler/console-links.ts
var LOGS_INSIGHTS_LOOKBACK_SECONDS = 3600;
var LOGS_INSIGHTS_LOOKAHEAD_SECONDS = 300;
var LOGS_INSIGHTS_QUERY = [
  "fields @timestamp, eventSource, eventName, userIdentity.arn, sourceIPAddress, errorCode, recipientAccountId",
  "| sort @timestamp desc",
  "| limit 200"
].join("\n");
function consoleHost(region) {
  const r = encodeURIComponent(region);
  if (region.startsWith("cn-")) {
    return `${r}.console.amazonaws.cn`;
  }
  if (region.startsWith("us-gov-")) {
    return "console.amazonaws-us-gov.com";
  }
  return `${r}.console.aws.amazon.com`;
}
function consoleBase(region) {
  return `https://${consoleHost(region)}/cloudwatch/home?region=${encodeURIComponent(region)}`;
}
function cloudTrailEventUrl(region, eventId) {
  const r = encodeURIComponent(region);
  return `https://${consoleHost(region)}/cloudtrail/home?region=${r}#/events/${encodeURIComponent(eventId)}`;
}
function alarmConsoleUrl(region, alarmName) {
  return `${consoleBase(region)}#alarmsV2:alarm/${encodeURIComponent(alarmName)}`;
}
function logsInsightsConsoleUrl(region, logGroupName, stateTime) {
  const range = stateTime ? [
    ["end", new Date(stateTime.getTime() + LOGS_INSIGHTS_LOOKAHEAD_SECONDS * 1e3).toISOString()],
    ["start", new Date(stateTime.getTime() - LOGS_INSIGHTS_LOOKBACK_SECONDS * 1e3).toISOString()],
    ["timeType", "ABSOLUTE"],
    ["tz", "UTC"]
  ] : [
    ["end", 0],
    ["start", -3 * 3600],
    ["timeType", "RELATIVE"],
    ["unit", "seconds"]
  ];
  const detail = jsurlObject([
    ...range,
    ["editorString", LOGS_INSIGHTS_QUERY],
    ["isLiveTail", false],
    ["source", [logGroupName]]
  ]);
  const fragment = encodeURIComponent(`?queryDetail=${jsEscape(detail)}`).replace(/%/g, "$");
  return `${consoleBase(region)}#logsV2:logs-insights${fragment}`;
}
function jsurlPrimitive(value) {
  if (typeof value !== "string") {
    return String(value);
  }
  const encoded = encodeURIComponent(value).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `'${encoded.replace(/%/g, "*")}`;
}
function jsurlValue(value) {
  if (Array.isArray(value)) {
    return `~(${value.map((v) => `~${jsurlPrimitive(v)}`).join("")})`;
  }
  return `~${jsurlPrimitive(value)}`;
}
function jsurlObject(entries) {
  return `~(${entries.map(([key, value]) => `${key}${jsurlValue(value)}`).join("~")})`;
}
function jsEscape(value) {
  return value.replace(/[^A-Za-z0-9@*_+\-./]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

// lib/alarm-actions/notifier-handler/cloudtrail-event.ts
var MAX_USER_AGENT_LENGTH = 200;
var MAX_ERROR_MESSAGE_LENGTH = 500;
var MAX_PARAMETER_LENGTH = 200;
var MAX_PARAMETERS = 6;
var MAX_FIELD_LENGTH = 300;
var INTERESTING_PARAMETERS = [
  // S3
  "bucketName",
  "key",
  // IAM
  "userName",
  "roleName",
  "groupName",
  "policyArn",
  "policyName",
  "versionId",
  "instanceProfileName",
  // KMS
  "keyId",
  "pendingWindowInDays",
  // CloudTrail
  "trailName",
  "name",
  // Config
  "configurationRecorderName",
  "deliveryChannelName",
  // EC2 / VPC
  "groupId",
  "vpcId",
  "subnetId",
  "networkAclId",
  "routeTableId",
  "internetGatewayId",
  "customerGatewayId",
  "vpcPeeringConnectionId",
  "instanceId",
  "cidrIp",
  "cidrBlock",
  "destinationCidrBlock",
  "ipProtocol",
  "fromPort",
  "toPort",
  // Organizations
  "accountId",
  "policyId",
  "targetId",
  "organizationalUnitId",
  "handshakeId",
  "sourceParentId",
  "destinationParentId",
  // Sign-in, STS
  "roleArn",
  "roleSessionName"
];
function parseCloudTrailMessage(message) {
  if (typeof message !== "string") {
    return void 0;
  }
  let record;
  try {
    record = JSON.parse(message);
  } catch {
    return void 0;
  }
  return isObject(record) ? summarizeCloudTrailRecord(record) : void 0;
}
function summarizeCloudTrailRecord(record) {
  const eventId = field(record.eventID);
  const region = field(record.awsRegion);
  return {
    eventId,
    eventTime: field(record.eventTime),
    eventSource: field(record.eventSource),
    eventName: field(record.eventName),
    errorCode: field(record.errorCode),
    errorMessage: field(record.errorMessage, MAX_ERROR_MESSAGE_LENGTH),
    accountId: field(record.recipientAccountId),
    region,
    sourceIp: field(record.sourceIPAddress),
    userAgent: field(record.userAgent, MAX_USER_AGENT_LENGTH),
    principal: principalOf(record),
    parameters: interestingParameters(record.requestParameters),
    consoleUrl: region && eventId ? cloudTrailEventUrl(region, eventId) : void 0
  };
}
function principalOf(record) {
  const identity = isObject(record.userIdentity) ? record.userIdentity : {};
  const session = isObject(identity.sessionContext) ? identity.sessionContext : {};
  const issuer = isObject(session.sessionIssuer) ? session.sessionIssuer : {};
  const attributes = isObject(session.attributes) ? session.attributes : {};
  const additional = isObject(record.additionalEventData) ? record.additionalEventData : {};
  return {
    type: field(identity.type),
    arn: field(identity.arn),
    userName: field(identity.userName),
    accountId: field(identity.accountId),
    issuerArn: field(issuer.arn),
    issuerUserName: field(issuer.userName),
    invokedBy: field(identity.invokedBy),
    mfa: mfaOf(attributes.mfaAuthenticated, additional.MFAUsed)
  };
}
function mfaOf(mfaAuthenticated, mfaUsed) {
  for (const value of [mfaUsed, mfaAuthenticated]) {
    const v = typeof value === "string" ? value.trim().toLowerCase() : value;
    if (v === "yes" || v === "true" || v === true) {
      return true;
    }
    if (v === "no" || v === "false" || v === false) {
      return false;
    }
  }
  return void 0;
}
function interestingParameters(requestParameters) {
  if (!isObject(requestParameters)) {
    return [];
  }
  const result = [];
  for (const name of INTERESTING_PARAMETERS) {
    const value = requestParameters[name];
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
      const shown = field(String(value), MAX_PARAMETER_LENGTH);
      if (shown !== void 0) {
        result.push([name, shown]);
      }
    }
    if (result.length >= MAX_PARAMETERS) {
      break;
    }
  }
  return result;
}
function describePrincipal(p) {
  const who = [p.type, p.arn ?? p.userName ?? (p.accountId ? `account ${p.accountId}` : void 0)].filter(isDefined).join(" ") || "unknown principal";
  const parts = [who];
  if (p.userName && p.arn && !p.arn.endsWith(`/${p.userName}`)) {
    parts[0] += ` (user name ${p.userName})`;
  }
  if (p.issuerArn) {
    parts[0] += ` (session of ${p.issuerArn})`;
  } else if (p.issuerUserName) {
    parts[0] += ` (session of ${p.issuerUserName})`;
  }
  if (p.invokedBy) {
    parts.push(`invoked by ${p.invokedBy}`);
  }
  if (p.mfa !== void 0) {
    parts.push(`MFA ${p.mfa ? "yes" : "no"}`);
  }
  return parts.join(", ");
}
function describeAction(e) {
  const action = [e.eventSource, e.eventName].filter(isDefined).join(" ") || "unknown action";
  return e.errorCode ? `${action} -> failed: ${e.errorCode}` : action;
}
function describeParameters(e) {
  return e.parameters.length > 0 ? e.parameters.map(([k, v]) => `${k}=${v}`).join(", ") : void 0;
}
function describeWhere(e) {
  return [
    e.accountId ? `account ${e.accountId}` : void 0,
    e.region,
    e.sourceIp ? `from ${e.sourceIp}` : void 0
  ].filter(isDefined).join(", ") || "unknown";
}
function field(value, max = MAX_FIELD_LENGTH) {
  if (typeof value !== "string") {
    return void 0;
  }
  const line = value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, " ").trim();
  if (line.length === 0) {
    return void 0;
  }
  return line.length > max ? `${line.slice(0, max - 3)}...` : line;
}
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function isDefined(value) {
  return value !== void 0;
}
function eventFacts(e) {
  const facts = [
    ["Who", describePrincipal(e.principal)],
    ["Where", describeWhere(e)],
    ["Target", describeParameters(e)],
    ["Error", e.errorCode ? [e.errorCode, e.errorMessage].filter(Boolean).join(": ") : void 0],
    ["Agent", e.userAgent]
  ];
  return facts.filter((f) => !!f[1]);
}

// lib/alarm-actions/notifier-handler/format.ts
var MAX_SUBJECT_LENGTH = 99;
function isAlarmEvent(event) {
  return typeof event === "object" && event !== null && typeof event.alarmData === "object" && event.alarmData !== null;
}
function alarmFacts(event, logGroupName) {
  const data = event.alarmData ?? {};
  const alarmName = text(data.alarmName);
  const alarmArn = text(event.alarmArn);
  const region = text(event.region) ?? arnPart(alarmArn, 3);
  const account = text(event.accountId) ?? arnPart(alarmArn, 4);
  const newState = text(data.state?.value) ?? "UNKNOWN";
  const description = text(data.configuration?.description);
  const rawWhen = text(data.state?.timestamp) ?? text(event.time);
  const when = parseAlarmTime(rawWhen);
  const label = alarmLabel(description, alarmName);
  const group = text(logGroupName);
  return {
    alarmName,
    alarmArn,
    region,
    account,
    newState,
    oldState: text(data.previousState?.value) ?? "UNKNOWN",
    description,
    label,
    subject: formatSubject(newState, label, [account, region].filter(isDefined2).join(" ")),
    when,
    rawWhen,
    reason: text(data.state?.reason),
    alarmUrl: region && alarmName ? alarmConsoleUrl(region, alarmName) : void 0,
    logsInsightsUrl: region && group ? logsInsightsConsoleUrl(region, group, when) : void 0,
    logGroupName: group
  };
}
function formatNotification(event, options = {}) {
  const data = event.alarmData ?? {};
  const facts = alarmFacts(event, options.logGroupName);
  const { alarmName, alarmArn, region, account, newState, oldState, description, when, rawWhen, label, subject } = facts;
  const lines = [];
  lines.push(`${newState}: ${label}`, "");
  const quotedName = alarmName ? `"${alarmName}"` : "(no name in the event)";
  lines.push(...stateSummary(quotedName, oldState, newState), "");
  if (description) {
    lines.push("What fired:", ...indent(description), "");
  }
  if (options.activity && options.activity.length > 0) {
    lines.push(...options.activity, "");
  }
  const details = [
    ["State", `${oldState} -> ${newState}`],
    ["When", when ? `${formatUtc(when)} (${when.toISOString()})` : rawWhen ?? "unknown"],
    ["Account", account ?? "unknown"],
    ["Region", region ?? "unknown"],
    ["Why", facts.reason],
    ["Values", datapointsSummary(text(data.state?.reasonData))],
    ["Metric", metricSummary(data.configuration?.metrics)],
    ["Rule", text(data.configuration?.alarmRule)]
  ];
  for (const [name, value] of details) {
    if (value !== void 0) {
      lines.push(`${`${name}:`.padEnd(9)} ${oneLine(value)}`);
    }
  }
  lines.push("");
  if (facts.alarmUrl) {
    lines.push("Alarm in the CloudWatch console:", `  ${facts.alarmUrl}`, "");
  }
  if (facts.logsInsightsUrl) {
    lines.push(
      `CloudTrail events around that time in CloudWatch Logs Insights (log group ${facts.logGroupName}):`,
      `  ${facts.logsInsightsUrl}`,
      ""
    );
  }
  if (alarmArn) {
    lines.push(`Alarm ARN: ${alarmArn}`);
  }
  return { subject, message: `${lines.join("\n").trimEnd()}
` };
}
function stateSummary(quotedName, oldState, newState) {
  switch (newState) {
    case "ALARM":
      return [
        `The CloudWatch alarm ${quotedName} changed from ${oldState} to ALARM.`,
        "Investigate the activity described below."
      ];
    case "OK":
      return [
        `The CloudWatch alarm ${quotedName} recovered: it changed from ${oldState} to OK.`,
        "The metric is back within its threshold; no action is needed unless the earlier ALARM was not investigated."
      ];
    case "INSUFFICIENT_DATA":
      return [
        `The CloudWatch alarm ${quotedName} changed from ${oldState} to INSUFFICIENT_DATA:`,
        "CloudWatch does not have enough data to evaluate it. Check that the metric below still receives",
        "data, for example that the trail still delivers events to its CloudWatch Logs log group."
      ];
    default:
      return [`The CloudWatch alarm ${quotedName} changed from ${oldState} to ${newState}.`];
  }
}
function alarmLabel(description, alarmName) {
  const match = description?.match(/^\s*([^[\]\r\n]*?)\s*\[([^\]\r\n]*)\]/);
  const title = match?.[1].trim();
  if (match && title) {
    const firstControl = match[2].split(",").map((s) => s.trim()).find((s) => s.length > 0);
    return firstControl ? `${firstControl} ${title}` : title;
  }
  return alarmName ?? "CloudWatch alarm";
}
function formatSubject(state, label, where) {
  const prefix = `${toSubjectText(state)}: `;
  const suffix = where ? ` (${toSubjectText(where)})` : "";
  let body = toSubjectText(label);
  const budget = MAX_SUBJECT_LENGTH - prefix.length - suffix.length;
  if (body.length > budget && budget >= 10) {
    body = `${body.slice(0, budget - 3).trimEnd()}...`;
  }
  const subject = `${prefix}${body}${suffix}`;
  return subject.length > MAX_SUBJECT_LENGTH ? `${subject.slice(0, MAX_SUBJECT_LENGTH - 3)}...` : subject;
}
function toSubjectText(value) {
  return value.normalize("NFKD").replace(new RegExp("\\p{M}", "gu"), "").replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, " ").replace(/[^\u0020-\u007e]/gu, "?").replace(/ {2,}/g, " ").trim();
}
function metricSummary(metrics) {
  if (!Array.isArray(metrics)) {
    return void 0;
  }
  const parts = [];
  for (const query of metrics) {
    if (typeof query !== "object" || query === null) {
      continue;
    }
    const stat = query.metricStat;
    if (stat && typeof stat === "object") {
      const namespace = text(stat.metric?.namespace) ?? "?";
      const name = text(stat.metric?.name) ?? "?";
      const dimensions = stat.metric?.dimensions;
      const dims = Object.entries(typeof dimensions === "object" && dimensions !== null ? dimensions : {}).filter(([, v]) => typeof v === "string").map(([k, v]) => `${k}=${v}`);
      const details = [
        text(stat.stat) ? `statistic ${stat.stat}` : void 0,
        typeof stat.period === "number" ? `period ${stat.period} seconds` : void 0,
        dims.length > 0 ? `dimensions ${dims.join(", ")}` : void 0
      ].filter(isDefined2);
      parts.push([`${namespace}/${name}`, ...details].join(", "));
    } else if (text(query.expression)) {
      parts.push(`expression ${query.expression}${text(query.label) ? ` (${query.label})` : ""}`);
    }
  }
  return parts.length > 0 ? parts.join("; ") : void 0;
}
function datapointsSummary(reasonData) {
  if (!reasonData) {
    return void 0;
  }
  let parsed;
  try {
    parsed = JSON.parse(reasonData);
  } catch {
    return void 0;
  }
  if (typeof parsed !== "object" || parsed === null) {
    return void 0;
  }
  const { recentDatapoints, threshold } = parsed;
  const parts = [];
  if (Array.isArray(recentDatapoints) && recentDatapoints.every((d) => typeof d === "number")) {
    parts.push(`recent datapoints [${recentDatapoints.join(", ")}]`);
  }
  if (typeof threshold === "number") {
    parts.push(`threshold ${threshold}`);
  }
  return parts.length > 0 ? parts.join(", ") : void 0;
}
function parseAlarmTime(value) {
  if (!value) {
    return void 0;
  }
  const date = new Date(value.replace(/([+-]\d{2})(\d{2})$/, "$1:$2"));
  return Number.isNaN(date.getTime()) ? void 0 : date;
}
function formatUtc(date) {
  return `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
}
function indent(value) {
  return value.split(/\r?\n/).map((line) => `  ${line}`.trimEnd());
}
function oneLine(value) {
  return value.replace(/\s*\r?\n\s*/g, " ");
}
function arnPart(arn, index) {
  return text(arn?.split(":")[index]);
}
function text(value) {
  return typeof value === "string" && value.trim().length > 0 ? value : void 0;
}
function isDefined2(value) {
  return value !== void 0;
}

// lib/alarm-actions/notifier-handler/activity.ts
var SNS_MESSAGE_LIMIT_BYTES = 262144;
var MAX_MESSAGE_BYTES = SNS_MESSAGE_LIMIT_BYTES - 4096;
var EVENT_LINK_NOTE = "Event links open the CloudTrail event history (management events of the last 90 days) of the event's account and region: sign in to that account to see them.";
function utf8Bytes(value) {
  return Buffer.byteLength(value, "utf8");
}
function eventLines(e, index) {
  const head = `${index}. ${e.eventTime ?? "unknown time"}  ${describeAction(e)}`;
  const details = [...eventFacts(e), ...e.consoleUrl ? [["Event", e.consoleUrl]] : []];
  return [head, ...details.map(([k, v]) => `   ${`${k}:`.padEnd(7)} ${v}`)];
}
function activityHeading(enrichment) {
  const where = enrichment.filters.map((f) => f.logGroupName).filter((v, i, all) => all.indexOf(v) === i).join(", ");
  const when = enrichment.window ? `, ${formatUtc(enrichment.window.start)} to ${formatUtc(enrichment.window.end)}` : "";
  return `Who did what (CloudTrail events matching the detection's metric filter in log group ${where}${when}):`;
}
function countLine(enrichment) {
  const n = enrichment.matched;
  const noun = n === 1 ? "event" : "events";
  return enrichment.status === "partial" ? `At least ${n} matching ${noun} (the search stopped early).` : `${n} matching ${noun}.`;
}
function enrichmentProblem(enrichment) {
  switch (enrichment.status) {
    case "failed":
      return `Enrichment failed: ${enrichment.reason ?? "unknown reason"}. The alarm is reported without the events behind it; use the links below.`;
    case "skipped":
      return `Enrichment skipped: ${enrichment.reason ?? "unknown reason"}.`;
    default:
      return void 0;
  }
}
function enrichmentNotes(enrichment) {
  const notes = [];
  if (enrichment.status === "partial") {
    notes.push(`Search incomplete: ${enrichment.reason ?? "unknown reason"}.`);
  }
  if (enrichment.malformed > 0) {
    notes.push(`${enrichment.malformed} matching log event(s) were not CloudTrail records (not a JSON object) and are not described.`);
  }
  if (enrichment.status === "complete" && enrichment.matched === 0) {
    notes.push("No matching event was found in that time range: the events may not have reached CloudWatch Logs yet. Search again with the Logs Insights link below.");
  }
  return notes;
}
function renderActivityText(enrichment, budgetBytes) {
  if (!enrichment) {
    return [];
  }
  const problem = enrichmentProblem(enrichment);
  if (problem) {
    return [problem];
  }
  const head = [activityHeading(enrichment), countLine(enrichment)];
  const notes = enrichmentNotes(enrichment);
  const blocks = enrichment.events.map((e, i) => ["", ...eventLines(e, i + 1)].join("\n"));
  const kept = fitBlocks(blocks, budgetBytes - utf8Bytes([...head, "", EVENT_LINK_NOTE, "", ...notes].join("\n")) - 100);
  const lines = [...head];
  for (const block of blocks.slice(0, kept)) {
    lines.push(...block.split("\n"));
  }
  const more = enrichment.matched - kept;
  if (more > 0) {
    lines.push("", `... and ${more} more matching event${more === 1 ? "" : "s"}${moreReason(enrichment, kept)}.`);
  }
  if (kept > 0) {
    lines.push("", EVENT_LINK_NOTE);
  }
  if (notes.length > 0) {
    lines.push("", ...notes);
  }
  return lines;
}
function moreReason(enrichment, kept) {
  return kept < enrichment.events.length ? " (left out to keep the message within the size limit)" : " (not described)";
}
function fitBlocks(blocks, budgetBytes) {
  let used = 0;
  let kept = 0;
  for (const block of blocks) {
    const size = utf8Bytes(block) + 1;
    if (used + size > budgetBytes) {
      break;
    }
    used += size;
    kept++;
  }
  return kept;
}

// lib/alarm-actions/notifier-handler/chat.ts
var SLACK_MAX_BLOCKS = 50;
var SLACK_MAX_SECTION_TEXT = 3e3;
var SLACK_MAX_HEADER_TEXT = 150;
var SLACK_MAX_BLOCKS_TEXT = 11e3;
var SLACK_MAX_URL = 3e3;
var TEAMS_MAX_BYTES = 27e3;
function chatPayload(kind, input) {
  switch (kind) {
    case "slack":
      return slackPayload(input);
    case "teams":
      return teamsPayload(input);
    default:
      return genericPayload(input);
  }
}
function slackPayload({ facts, enrichment }) {
  const blocks = [
    { type: "header", text: { type: "plain_text", text: clip(`${stateIcon(facts.newState)} ${facts.newState}: ${facts.label}`, SLACK_MAX_HEADER_TEXT), emoji: true } },
    section(summaryLines(facts, slackEscape).join("\n"))
  ];
  if (facts.description) {
    blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: clip(slackEscape(facts.description), SLACK_MAX_SECTION_TEXT) }] });
  }
  const tail = [];
  const links = [
    facts.alarmUrl ? button("Open the alarm", facts.alarmUrl) : void 0,
    facts.logsInsightsUrl ? button("CloudTrail events in Logs Insights", facts.logsInsightsUrl) : void 0
  ].filter((b) => b !== void 0);
  if (links.length > 0) {
    tail.push({ type: "actions", elements: links });
  }
  if (enrichment) {
    blocks.push({ type: "divider" });
    const problem = enrichmentProblem(enrichment);
    if (problem) {
      blocks.push(section(slackEscape(problem)));
    } else {
      blocks.push(section(`*${slackEscape(activityHeading(enrichment))}*
${slackEscape(countLine(enrichment))}`));
      const notes = enrichmentNotes(enrichment).map((n) => context(slackEscape(n)));
      const eventTexts = enrichment.events.map((e, i) => clip(slackEvent(e, i + 1), SLACK_MAX_SECTION_TEXT));
      const used = blocks.length + tail.length + notes.length + 1;
      const byCount = Math.max(0, SLACK_MAX_BLOCKS - used);
      const textSoFar = JSON.stringify(blocks).length + JSON.stringify(notes).length + 500;
      const kept = Math.min(byCount, fitBlocks(eventTexts, SLACK_MAX_BLOCKS_TEXT - textSoFar));
      blocks.push(...eventTexts.slice(0, kept).map(section));
      const more = enrichment.matched - kept;
      if (more > 0) {
        blocks.push(context(`... and ${more} more matching event${more === 1 ? "" : "s"}`));
      }
      blocks.push(...notes);
    }
  }
  blocks.push(...tail);
  return { text: facts.subject, blocks };
}
function slackEvent(e, index) {
  const lines = [`*${index}. ${slackEscape(describeAction(e))}*  ${slackEscape(e.eventTime ?? "unknown time")}`];
  for (const [name, value] of eventFacts(e)) lines.push(`*${name}:* ${slackEscape(value)}`);
  if (e.consoleUrl) {
    lines.push(`<${e.consoleUrl}|Event in CloudTrail event history>`);
  }
  return lines.join("\n");
}
function section(text3) {
  return { type: "section", text: { type: "mrkdwn", text: clip(text3, SLACK_MAX_SECTION_TEXT) } };
}
function context(text3) {
  return { type: "context", elements: [{ type: "mrkdwn", text: clip(text3, SLACK_MAX_SECTION_TEXT) }] };
}
function button(label, url) {
  return url.length <= SLACK_MAX_URL ? { type: "button", text: { type: "plain_text", text: label }, url } : void 0;
}
function slackEscape(value) {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
function teamsPayload(input) {
  const count = input.enrichment?.events.length ?? 0;
  for (let kept = count; ; kept--) {
    const payload = teamsMessage(input, kept);
    if (kept <= 0 || utf8Bytes(JSON.stringify(payload)) <= TEAMS_MAX_BYTES) {
      return payload;
    }
  }
}
function teamsMessage({ facts, enrichment }, keptEvents) {
  const body = [
    { type: "TextBlock", text: `${facts.newState}: ${facts.label}`, weight: "Bolder", size: "Medium", wrap: true, color: stateColor(facts.newState) },
    { type: "FactSet", facts: factList(facts).map(([title, value]) => ({ title, value })) }
  ];
  if (facts.description) {
    body.push({ type: "TextBlock", text: facts.description, wrap: true, isSubtle: true, size: "Small" });
  }
  if (enrichment) {
    const problem = enrichmentProblem(enrichment);
    if (problem) {
      body.push({ type: "TextBlock", text: problem, wrap: true, separator: true, color: "Warning" });
    } else {
      body.push({ type: "TextBlock", text: `${activityHeading(enrichment)} ${countLine(enrichment)}`, wrap: true, separator: true, weight: "Bolder" });
      enrichment.events.slice(0, keptEvents).forEach((e, i) => body.push(teamsEvent(e, i + 1)));
      const more = enrichment.matched - keptEvents;
      if (more > 0) {
        body.push({ type: "TextBlock", text: `... and ${more} more matching event${more === 1 ? "" : "s"}`, wrap: true, isSubtle: true });
      }
      for (const note of enrichmentNotes(enrichment)) {
        body.push({ type: "TextBlock", text: note, wrap: true, isSubtle: true });
      }
    }
  }
  const actions = [
    facts.alarmUrl ? { type: "Action.OpenUrl", title: "Open the alarm", url: facts.alarmUrl } : void 0,
    facts.logsInsightsUrl ? { type: "Action.OpenUrl", title: "CloudTrail events in Logs Insights", url: facts.logsInsightsUrl } : void 0
  ].filter((a) => a !== void 0);
  return {
    type: "message",
    attachments: [{
      contentType: "application/vnd.microsoft.card.adaptive",
      contentUrl: null,
      content: {
        $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
        type: "AdaptiveCard",
        version: "1.4",
        msteams: { width: "Full" },
        body,
        ...actions.length > 0 ? { actions } : {}
      }
    }]
  };
}
function teamsEvent(e, index) {
  return {
    type: "Container",
    separator: true,
    items: [
      { type: "TextBlock", text: `${index}. ${describeAction(e)} (${e.eventTime ?? "unknown time"})`, weight: "Bolder", wrap: true },
      { type: "FactSet", facts: eventFacts(e).map(([title, value]) => ({ title, value })) },
      ...e.consoleUrl ? [{ type: "TextBlock", text: `[Event in CloudTrail event history](${e.consoleUrl})`, wrap: true }] : []
    ]
  };
}
function genericPayload({ facts, enrichment, text: text3 }) {
  const alarm = {
    name: facts.alarmName ?? null,
    arn: facts.alarmArn ?? null,
    account: facts.account ?? null,
    region: facts.region ?? null,
    state: facts.newState,
    previousState: facts.oldState,
    time: facts.when?.toISOString() ?? facts.rawWhen ?? null,
    reason: facts.reason ?? null,
    label: facts.label,
    description: facts.description ?? null,
    consoleUrl: facts.alarmUrl ?? null,
    logsInsightsUrl: facts.logsInsightsUrl ?? null
  };
  const base = {
    version: "1",
    source: "cdk-cloudtrail-baseline",
    subject: facts.subject,
    alarm,
    enrichment: enrichment ? {
      status: enrichment.status,
      reason: enrichment.reason ?? null,
      metric: enrichment.metric ?? null,
      filters: enrichment.filters,
      window: enrichment.window ? { start: enrichment.window.start.toISOString(), end: enrichment.window.end.toISOString() } : null,
      matchedEvents: enrichment.matched,
      malformedEvents: enrichment.malformed
    } : null,
    text: text3
  };
  const events = enrichment?.events ?? [];
  const budget = MAX_MESSAGE_BYTES - utf8Bytes(JSON.stringify(base)) - 100;
  const kept = fitBlocks(events.map((e) => JSON.stringify(e)), budget);
  return { ...base, events: events.slice(0, kept), eventsLeftOut: (enrichment?.matched ?? 0) - kept };
}
function summaryLines(facts, escape) {
  return factList(facts).map(([name, value]) => `*${name}:* ${escape(value)}`);
}
function factList(facts) {
  const list = [
    ["Alarm", facts.alarmName],
    ["State", `${facts.oldState} -> ${facts.newState}`],
    ["When", facts.when ? formatUtc(facts.when) : facts.rawWhen],
    ["Account", facts.account],
    ["Region", facts.region],
    ["Why", facts.reason]
  ];
  return list.filter((entry) => entry[1] !== void 0);
}
function stateIcon(state) {
  return state === "ALARM" ? ":rotating_light:" : state === "OK" ? ":white_check_mark:" : ":grey_question:";
}
function stateColor(state) {
  return state === "ALARM" ? "Attention" : state === "OK" ? "Good" : "Warning";
}
function clip(value, max) {
  return value.length > max ? `${value.slice(0, max - 3)}...` : value;
}

// lib/alarm-actions/notifier-handler/enrich.ts
var import_client_cloudwatch_logs = require("@aws-sdk/client-cloudwatch-logs");
var LAG_ALLOWANCE_MS = 10 * 60 * 1e3;
var LOOKAHEAD_MS = 60 * 1e3;
var DEFAULT_PERIOD_SECONDS = 300;
var MAX_PAGES = 20;
var MAX_FILTERS = 5;
function alarmMetric(event) {
  const metrics = event.alarmData?.configuration?.metrics;
  if (!Array.isArray(metrics)) {
    return void 0;
  }
  for (const query of metrics) {
    const stat = typeof query === "object" && query !== null ? query.metricStat : void 0;
    const metric = typeof stat === "object" && stat !== null ? stat.metric : void 0;
    if (typeof metric?.namespace === "string" && typeof metric.name === "string" && metric.namespace && metric.name) {
      const period = typeof stat?.period === "number" && stat.period > 0 ? stat.period : void 0;
      return { namespace: metric.namespace, name: metric.name, period };
    }
  }
  return void 0;
}
function evaluationWindow(event, periodSeconds, now) {
  const state = event.alarmData?.state;
  const stateTime = parseAlarmTime(typeof state?.timestamp === "string" ? state.timestamp : void 0) ?? parseAlarmTime(typeof event.time === "string" ? event.time : void 0) ?? new Date(now);
  const reason = parseReasonData(state?.reasonData);
  const period = periodSeconds ?? reason.period ?? DEFAULT_PERIOD_SECONDS;
  const periods = Math.max(1, reason.datapointTimes.length);
  let start = stateTime.getTime() - period * periods * 1e3;
  for (const t of reason.datapointTimes) {
    start = Math.min(start, t);
  }
  return { start: new Date(start - LAG_ALLOWANCE_MS), end: new Date(stateTime.getTime() + LOOKAHEAD_MS) };
}
function parseReasonData(reasonData) {
  if (typeof reasonData !== "string") {
    return { datapointTimes: [] };
  }
  try {
    const parsed = JSON.parse(reasonData);
    const period = typeof parsed?.period === "number" && parsed.period > 0 ? parsed.period : void 0;
    const datapointTimes = (Array.isArray(parsed?.evaluatedDatapoints) ? parsed.evaluatedDatapoints : []).map((d) => parseAlarmTime(typeof d?.timestamp === "string" ? d.timestamp : void 0)).filter((d) => d !== void 0).map((d) => d.getTime());
    return { period, datapointTimes };
  } catch {
    return { datapointTimes: [] };
  }
}
async function enrichAlarm(logs2, event, options) {
  const now = options.now ?? Date.now;
  const metric = alarmMetric(event);
  if (!metric) {
    return empty("skipped", "the alarm has no metric to trace back to a metric filter (composite or metric math alarm)");
  }
  const found = { metric: { namespace: metric.namespace, name: metric.name } };
  if (metric.namespace.startsWith("AWS/")) {
    return { ...empty("skipped", `${metric.namespace}/${metric.name} is an AWS service metric, not a detection's metric filter: this is a monitoring alarm of the baseline`), ...found };
  }
  let filters;
  try {
    filters = await findMetricFilters(logs2, metric, options.logGroupName, options.deadline, now);
  } catch (e) {
    return { ...empty("failed", `DescribeMetricFilters: ${errorText(e)}`), ...found };
  }
  if (filters.length === 0) {
    return {
      ...empty("skipped", `no metric filter publishes the metric ${metric.namespace}/${metric.name} in this account and region`),
      ...found
    };
  }
  const window = evaluationWindow(event, metric.period, now());
  const events = [];
  let matched = 0;
  let malformed = 0;
  let pages = 0;
  let stop;
  const maxPages = options.maxPages ?? MAX_PAGES;
  search: for (const filter of filters) {
    let nextToken;
    do {
      if (pages >= maxPages) {
        stop = `stopped after ${maxPages} pages of log events`;
        break search;
      }
      if (now() >= options.deadline) {
        stop = "stopped at the end of the time budget";
        break search;
      }
      let output;
      try {
        output = await withDeadline(options.deadline, now, (abortSignal) => logs2.send(new import_client_cloudwatch_logs.FilterLogEventsCommand({
          logGroupName: filter.logGroupName,
          filterPattern: filter.filterPattern,
          startTime: window.start.getTime(),
          endTime: window.end.getTime(),
          nextToken
        }), { abortSignal }));
      } catch (e) {
        stop = e instanceof BudgetExceeded && pages > 0 ? "stopped at the end of the time budget" : `FilterLogEvents: ${errorText(e)}`;
        break search;
      }
      pages++;
      for (const logEvent of output.events ?? []) {
        matched++;
        if (events.length < options.maxEvents) {
          const summary = parseCloudTrailMessage(logEvent.message);
          if (summary) {
            events.push(summary);
          } else {
            malformed++;
          }
        }
      }
      nextToken = output.nextToken || void 0;
    } while (nextToken);
  }
  if (stop && pages === 0) {
    return { ...empty("failed", stop), ...found, filters, window };
  }
  return { status: stop ? "partial" : "complete", reason: stop, ...found, filters, window, events, matched, malformed };
}
async function findMetricFilters(logs2, metric, logGroupName, deadline, now) {
  const describe2 = async (scope) => {
    const output = await withDeadline(deadline, now, (abortSignal) => logs2.send(new import_client_cloudwatch_logs.DescribeMetricFiltersCommand({
      metricName: metric.name,
      metricNamespace: metric.namespace,
      ...scope ? { logGroupName: scope } : {}
    }), { abortSignal }));
    return (output.metricFilters ?? []).filter(publishes(metric)).map(toFoundFilter).filter((f) => f !== void 0).slice(0, MAX_FILTERS);
  };
  if (!logGroupName) {
    return describe2(void 0);
  }
  const scoped = await describe2(logGroupName);
  if (scoped.length > 0) {
    return scoped;
  }
  try {
    return await describe2(void 0);
  } catch (e) {
    throw new Error(`no metric filter on log group ${logGroupName} publishes ${metric.namespace}/${metric.name}, and searching all log groups failed (${errorText(e)})`);
  }
}
function publishes(metric) {
  return (f) => (f.metricTransformations ?? []).length === 0 || (f.metricTransformations ?? []).some((t) => t.metricName === metric.name && t.metricNamespace === metric.namespace);
}
function toFoundFilter(f) {
  if (!f.logGroupName || typeof f.filterPattern !== "string") {
    return void 0;
  }
  return { logGroupName: f.logGroupName, filterName: f.filterName, filterPattern: f.filterPattern };
}
async function withDeadline(deadline, now, call) {
  const remaining = deadline - now();
  if (remaining <= 0) {
    throw new BudgetExceeded();
  }
  const controller = new AbortController();
  let timer;
  const expired = new Promise((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(new BudgetExceeded());
      reject(new BudgetExceeded());
    }, remaining);
  });
  try {
    return await Promise.race([call(controller.signal), expired]);
  } catch (e) {
    throw controller.signal.aborted ? new BudgetExceeded() : e;
  } finally {
    clearTimeout(timer);
  }
}
var BudgetExceeded = class extends Error {
  constructor() {
    super("the time budget for the search ran out");
    this.name = "TimeBudgetExceeded";
  }
};
function empty(status, reason) {
  return { status, reason, filters: [], events: [], matched: 0, malformed: 0 };
}
function errorText(e) {
  const err = typeof e === "object" && e !== null ? e : void 0;
  const rawName = typeof err?.name === "string" ? err.name : "";
  const name = rawName === "Error" ? "" : rawName;
  const message = typeof err?.message === "string" ? err.message : err ? "" : String(e);
  const text3 = (!name || message.startsWith(name) || !message ? message || name : `${name}: ${message}`).replace(/\s+/g, " ").trim();
  return text3.length > 300 ? `${text3.slice(0, 297)}...` : text3;
}

// lib/alarm-actions/notifier-handler/secrets.ts
var import_client_secrets_manager = require("@aws-sdk/client-secrets-manager");
var CACHE_TTL_MS = 10 * 60 * 1e3;
var cache = /* @__PURE__ */ new Map();
async function webhookUrl(client, secretArn, options = {}) {
  const now = options.now ?? Date.now;
  const hit = cache.get(secretArn);
  if (hit && hit.expires > now()) {
    return hit.url;
  }
  const output = await client.send(new import_client_secrets_manager.GetSecretValueCommand({ SecretId: secretArn }), { abortSignal: options.abortSignal });
  const url = parseWebhookSecret(output.SecretString);
  cache.set(secretArn, { url, expires: now() + CACHE_TTL_MS });
  return url;
}
function parseWebhookSecret(secretString) {
  const raw = secretString?.trim();
  if (!raw) {
    throw new Error("the secret has no SecretString (a binary secret, or empty); store the webhook URL as text");
  }
  let candidate = raw;
  if (raw.startsWith("{")) {
    try {
      candidate = JSON.parse(raw).url;
    } catch {
      throw new Error('the secret looks like JSON but does not parse; store the URL, or {"url": "https://..."}');
    }
  }
  if (typeof candidate !== "string") {
    throw new Error(`the secret's JSON has no "url" string`);
  }
  let url;
  try {
    url = new URL(candidate.trim());
  } catch {
    throw new Error("the secret does not hold a valid URL");
  }
  const loopback = ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw new Error(`the webhook URL must use https: (got ${url.protocol})`);
  }
  if (url.username || url.password) {
    throw new Error("the webhook URL must not contain user information");
  }
  return url.toString();
}

// lib/alarm-actions/notifier-handler/webhook.ts
var MAX_ERROR_BODY = 200;
async function postJson(url, body, options) {
  const now = options.now ?? Date.now;
  const maxAttempts = options.maxAttempts ?? 3;
  const payload = JSON.stringify(body);
  let last = { ok: false, attempts: 0, error: "no time left to post" };
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const remaining = options.deadline - now();
    if (remaining <= 0) {
      return { ...last, error: `${last.error}; no time left for attempt ${attempt}` };
    }
    const outcome = await attemptPost(url, payload, Math.min(options.timeoutMs, remaining));
    last = { ok: outcome.ok, attempts: attempt, status: outcome.status, error: outcome.error };
    if (outcome.ok || !outcome.retryable || attempt === maxAttempts) {
      return last;
    }
    const backoff = Math.min(
      options.maxDelayMs ?? 4e3,
      (options.baseDelayMs ?? 500) * 2 ** (attempt - 1) * (1 + (options.random ?? Math.random)())
    );
    const delay = outcome.retryAfterMs ?? backoff;
    if (now() + delay >= options.deadline) {
      return { ...last, error: `${last.error}; not retried: the next attempt (in ${Math.round(delay)} ms) would start past the time budget` };
    }
    await sleep(delay);
  }
  return last;
}
async function attemptPost(url, payload, timeoutMs) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8" },
      body: payload,
      // A redirect would send the message to another host: report it instead of following it.
      redirect: "manual",
      signal: controller.signal
    });
    const text3 = await response.text();
    if (response.ok) {
      return { ok: true, retryable: false, status: response.status };
    }
    const retryable = response.status === 429 || response.status >= 500;
    return {
      ok: false,
      retryable,
      status: response.status,
      error: `HTTP ${response.status}${text3.trim() ? `: ${oneLine2(text3).slice(0, MAX_ERROR_BODY)}` : ""}`,
      retryAfterMs: retryable ? parseRetryAfter(response.headers.get("retry-after")) : void 0
    };
  } catch (e) {
    if (controller.signal.aborted) {
      return { ok: false, retryable: true, error: `timed out after ${timeoutMs} ms` };
    }
    return { ok: false, retryable: true, error: networkError(e) };
  } finally {
    clearTimeout(timer);
  }
}
function parseRetryAfter(value, now = Date.now()) {
  const v = value?.trim();
  if (!v) {
    return void 0;
  }
  if (/^\d+$/.test(v)) {
    return Number(v) * 1e3;
  }
  if (!/[a-z]/i.test(v)) {
    return void 0;
  }
  const date = Date.parse(v);
  return Number.isNaN(date) ? void 0 : Math.max(0, date - now);
}
function networkError(e) {
  const err = typeof e === "object" && e !== null ? e : { message: String(e) };
  const cause = typeof err.cause === "object" && err.cause !== null ? err.cause : void 0;
  const code = typeof cause?.code === "string" ? cause.code : typeof cause?.name === "string" ? cause.name : void 0;
  const message = oneLine2(String(err.message ?? "network error")).replace(/\bhttps?:\/\/\S+/g, "<url>").slice(0, MAX_ERROR_BODY);
  return code ? `${message} (${code})` : message;
}
function oneLine2(value) {
  return value.replace(/\s+/g, " ").trim();
}
function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// lib/alarm-actions/notifier-handler/chat-delivery.ts
function alarmRoute(metrics, description) {
  const names = Array.isArray(metrics) ? metrics.map((q) => q?.metricStat?.metric?.name).filter((n) => typeof n === "string") : [];
  const severity = /\(severity (CRITICAL|HIGH|MEDIUM|LOW)\)/.exec(description ?? "")?.[1];
  return { metricNames: names, severity };
}
function webhookReceives(webhook, route) {
  if (webhook.metricNames === void 0 && webhook.severities === void 0) return true;
  if (webhook.metricNames?.some((n) => route.metricNames.includes(n))) return true;
  return route.severity !== void 0 && (webhook.severities?.includes(route.severity) ?? false);
}
async function deliverToChats(secrets2, webhooks, input, options) {
  return Promise.all(webhooks.map((webhook) => deliver(secrets2, webhook, input, options)));
}
async function deliver(secrets2, webhook, input, options) {
  const base = { kind: webhook.kind, secretArn: webhook.secretArn };
  let url;
  let body;
  try {
    const remaining = options.deadline - Date.now();
    if (remaining <= 0) {
      return { ...base, delivered: false, attempts: 0, error: "no time left to read the webhook secret" };
    }
    url = await webhookUrl(secrets2, webhook.secretArn, { abortSignal: AbortSignal.timeout(Math.min(remaining, options.timeoutMs)) });
  } catch (e) {
    return { ...base, delivered: false, attempts: 0, error: `webhook URL from Secrets Manager: ${errorText(e)}` };
  }
  try {
    body = chatPayload(webhook.kind, input);
  } catch (e) {
    return { ...base, delivered: false, attempts: 0, error: `building the ${webhook.kind} message: ${errorText(e)}` };
  }
  const result = await postJson(url, body, {
    timeoutMs: options.timeoutMs,
    deadline: options.deadline,
    baseDelayMs: options.baseDelayMs
  });
  return { ...base, delivered: result.ok, attempts: result.attempts, status: result.status, error: result.error };
}

// lib/alarm-actions/notifier-handler/contract.ts
var MESSAGE_TYPE_ATTRIBUTE = "baseline_message_type";
var NOTIFICATION_MESSAGE_TYPE = "notification";
var TOPIC_ARN_ENV = "TOPIC_ARN";
var LOG_GROUP_NAME_ENV = "LOG_GROUP_NAME";
var DEFAULT_MAX_DETAILED_EVENTS = 10;
var MAX_DETAILED_EVENTS_LIMIT = 50;
var CHAT_WEBHOOK_KINDS = ["slack", "teams", "generic"];
var WEBHOOK_TIMEOUT_MS_ENV = "WEBHOOK_TIMEOUT_MS";
var DEFAULT_WEBHOOK_TIMEOUT_MS = 5e3;
var CHAT_WEBHOOKS_ENV = "CHAT_WEBHOOKS";
var MAX_EVENTS_ENV = "MAX_EVENTS";
var FAST_PATH_EVENT_KEY = "baselineFastPath";

// lib/alarm-actions/notifier-handler/fast-path.ts
function isObject2(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
function text2(value) {
  return typeof value === "string" && value.trim().length > 0 ? value.replace(/[\r\n]+/g, " ").trim() : void 0;
}
function isFastPathEvent(event) {
  return isObject2(event) && isObject2(event[FAST_PATH_EVENT_KEY]) && isObject2(event.detail);
}
function formatFastPathNotification(event) {
  const d = event.baselineFastPath;
  const controls = Array.isArray(d.controls) ? d.controls.filter((c) => typeof c === "string") : [];
  const title = text2(d.title) ?? "CloudTrail detection";
  const label = `${controls[0] ?? text2(d.detectionId) ?? ""} ${title}`.trim();
  const summary = summarizeCloudTrailRecord(event.detail);
  const account = text2(event.account) ?? summary.accountId;
  const region = text2(event.region) ?? summary.region;
  const severity = text2(d.severity) ?? "EVENT";
  const lines = [
    `${severity}: ${title}${controls.length > 0 ? ` [${controls.join(", ")}]` : ""}`,
    "",
    "An EventBridge rule matched this CloudTrail event seconds after the call (the fast path).",
    "The CloudWatch alarm of the same detection follows within minutes; it counts the events of every account and region the trail logs.",
    ""
  ];
  const description = text2(d.description);
  if (description) lines.push("What fired:", `  ${description}`, "");
  lines.push("Who did what:", ...eventLines(summary, 1), "");
  const remediation = text2(d.remediation);
  if (remediation) lines.push("First step:", `  ${remediation}`, "");
  lines.push(
    `Account:  ${account ?? "unknown"}`,
    `Region:   ${region ?? "unknown"}`,
    `Received: ${text2(event.time) ?? "unknown"} (${text2(event["detail-type"]) ?? "unknown detail-type"}, event ${text2(event.id) ?? "unknown"})`
  );
  return {
    subject: formatSubject(severity, label, [account, region].filter((v) => v !== void 0).join(" ")),
    message: `${lines.join("\n").trimEnd()}
`
  };
}

// lib/alarm-actions/notifier-handler/settings.ts
var MIN_WEBHOOK_TIMEOUT_MS = 50;
var MAX_WEBHOOK_TIMEOUT_MS = 3e4;
var MAX_WEBHOOKS = 10;
function readSettings(env) {
  const topicArn = env[TOPIC_ARN_ENV]?.trim();
  if (!topicArn) {
    throw new Error(`The alarm notifier needs the environment variable ${TOPIC_ARN_ENV} (the ARN of the SNS topic to publish to); it is not set.`);
  }
  const problems = [];
  const maxEvents = readInteger(env, MAX_EVENTS_ENV, DEFAULT_MAX_DETAILED_EVENTS, 1, MAX_DETAILED_EVENTS_LIMIT, problems);
  const webhookTimeoutMs = readInteger(
    env,
    WEBHOOK_TIMEOUT_MS_ENV,
    DEFAULT_WEBHOOK_TIMEOUT_MS,
    MIN_WEBHOOK_TIMEOUT_MS,
    MAX_WEBHOOK_TIMEOUT_MS,
    problems
  );
  return {
    topicArn,
    logGroupName: env[LOG_GROUP_NAME_ENV]?.trim() || void 0,
    maxEvents,
    webhooks: readWebhooks(env[CHAT_WEBHOOKS_ENV], problems),
    webhookTimeoutMs,
    problems
  };
}
function readInteger(env, name, fallback, min, max, problems) {
  const raw = env[name]?.trim();
  if (!raw) {
    return fallback;
  }
  if (!/^\d+$/.test(raw)) {
    problems.push(`${name}='${raw.slice(0, 40)}' is not a whole number from ${min} to ${max}; using ${fallback}`);
    return fallback;
  }
  const value = Number(raw);
  if (value < min || value > max) {
    const clamped = Math.min(max, Math.max(min, value));
    problems.push(`${name}=${raw} is outside ${min}-${max}; using ${clamped}`);
    return clamped;
  }
  return value;
}
function readWebhooks(raw, problems) {
  if (!raw?.trim()) {
    return [];
  }
  let parsed;
  try {
    parsed = JSON.parse(raw);
  } catch {
    problems.push(`${CHAT_WEBHOOKS_ENV} is not JSON; no chat webhook is used`);
    return [];
  }
  if (!Array.isArray(parsed)) {
    problems.push(`${CHAT_WEBHOOKS_ENV} is not a JSON array; no chat webhook is used`);
    return [];
  }
  const webhooks = [];
  parsed.forEach((entry, index) => {
    const { kind, secretArn } = typeof entry === "object" && entry !== null ? entry : {};
    if (typeof kind !== "string" || !CHAT_WEBHOOK_KINDS.includes(kind)) {
      problems.push(`${CHAT_WEBHOOKS_ENV}[${index}].kind must be one of ${CHAT_WEBHOOK_KINDS.join(", ")}; entry ignored`);
    } else if (typeof secretArn !== "string" || !/^arn:[a-z0-9-]+:secretsmanager:[a-z0-9-]+:\d{12}:secret:\S+$/.test(secretArn)) {
      problems.push(`${CHAT_WEBHOOKS_ENV}[${index}].secretArn must be the ARN of a Secrets Manager secret; entry ignored`);
    } else if (webhooks.length >= MAX_WEBHOOKS) {
      problems.push(`${CHAT_WEBHOOKS_ENV}[${index}] ignored: at most ${MAX_WEBHOOKS} webhooks`);
    } else {
      const { metricNames, severities } = entry;
      const list = (value, field2) => {
        if (value === void 0) return void 0;
        if (Array.isArray(value) && value.every((v2) => typeof v2 === "string")) return value;
        problems.push(`${CHAT_WEBHOOKS_ENV}[${index}].${field2} must be an array of strings; the filter is ignored`);
        return void 0;
      };
      const m = list(metricNames, "metricNames");
      const v = list(severities, "severities");
      webhooks.push({ kind, secretArn, ...m ? { metricNames: m } : {}, ...v ? { severities: v } : {} });
    }
  });
  return webhooks;
}

// lib/alarm-actions/notifier-handler/index.ts
var SAFETY_MARGIN_MS = 5e3;
var MAX_ENRICHMENT_MS = 2e4;
var DEFAULT_REMAINING_MS = 3e4;
var sns = new import_client_sns.SNSClient({ maxAttempts: 3, retryMode: "standard" });
var logs = new import_client_cloudwatch_logs2.CloudWatchLogsClient({ maxAttempts: 3, retryMode: "adaptive" });
var secrets = new import_client_secrets_manager2.SecretsManagerClient({ maxAttempts: 3, retryMode: "standard" });
async function handler(event, context2) {
  const settings = readSettings(process.env);
  if (settings.problems.length > 0) {
    console.warn(JSON.stringify({ level: "WARN", message: "Notifier settings ignored or replaced", problems: settings.problems }));
  }
  if (isFastPathEvent(event)) {
    const notification2 = formatFastPathNotification(event);
    const output2 = await sns.send(new import_client_sns.PublishCommand({
      TopicArn: settings.topicArn,
      Subject: notification2.subject,
      Message: notification2.message,
      MessageAttributes: {
        [MESSAGE_TYPE_ATTRIBUTE]: { DataType: "String", StringValue: NOTIFICATION_MESSAGE_TYPE }
      }
    }));
    console.log(JSON.stringify({
      message: "Published fast-path notification",
      detectionId: event.baselineFastPath.detectionId,
      eventId: event.detail.eventID,
      messageId: output2.MessageId
    }));
    return { published: true, messageId: output2.MessageId };
  }
  if (!isAlarmEvent(event)) {
    console.warn("Ignoring an event that is not a CloudWatch alarm event (it has no alarmData object).", describe(event));
    return { published: false };
  }
  const startedAt = Date.now();
  const remaining = context2?.getRemainingTimeInMillis?.();
  const deadline = startedAt + (typeof remaining === "number" && Number.isFinite(remaining) ? remaining : DEFAULT_REMAINING_MS) - SAFETY_MARGIN_MS;
  const enrichment = event.alarmData.state?.value === "ALARM" ? await enrich(event, settings, startedAt, deadline) : void 0;
  const logGroupName = enrichment?.filters[0]?.logGroupName ?? settings.logGroupName;
  const bare = formatNotification(event, { logGroupName });
  const activity = renderActivityText(enrichment, MAX_MESSAGE_BYTES - utf8Bytes(bare.message) - 512);
  const notification = activity.length > 0 ? formatNotification(event, { logGroupName, activity }) : bare;
  const output = await sns.send(new import_client_sns.PublishCommand({
    TopicArn: settings.topicArn,
    Subject: notification.subject,
    Message: notification.message,
    MessageAttributes: {
      [MESSAGE_TYPE_ATTRIBUTE]: { DataType: "String", StringValue: NOTIFICATION_MESSAGE_TYPE }
    }
  }));
  const result = {
    published: true,
    messageId: output.MessageId,
    ...enrichment ? {
      enrichment: {
        status: enrichment.status,
        ...enrichment.reason ? { reason: enrichment.reason } : {},
        matchedEvents: enrichment.matched,
        describedEvents: enrichment.events.length
      }
    } : {}
  };
  console.log(JSON.stringify({
    message: "Published alarm notification",
    alarmArn: event.alarmArn,
    state: event.alarmData.state?.value,
    messageId: output.MessageId,
    enrichment: result.enrichment
  }));
  const route = alarmRoute(event.alarmData.configuration?.metrics, event.alarmData.configuration?.description);
  const receivers = settings.webhooks.filter((w) => webhookReceives(w, route));
  if (receivers.length === 0) {
    return result;
  }
  const webhooks = await deliverToChats(secrets, receivers, {
    facts: alarmFacts(event, logGroupName),
    enrichment,
    text: notification.message
  }, { timeoutMs: settings.webhookTimeoutMs, deadline });
  for (const failed of webhooks.filter((w) => !w.delivered)) {
    console.error(JSON.stringify({ level: "ERROR", message: "Chat webhook delivery failed", alarmArn: event.alarmArn, ...failed }));
  }
  return { ...result, webhooks };
}
async function enrich(event, settings, startedAt, deadline) {
  const reserve = settings.webhooks.length > 0 ? settings.webhookTimeoutMs : 0;
  try {
    return await enrichAlarm(logs, event, {
      maxEvents: settings.maxEvents,
      deadline: Math.min(startedAt + MAX_ENRICHMENT_MS, deadline - reserve),
      logGroupName: settings.logGroupName
    });
  } catch (e) {
    return { status: "failed", reason: `unexpected error: ${errorText(e)}`, filters: [], events: [], matched: 0, malformed: 0 };
  }
}
function describe(event) {
  if (typeof event !== "object" || event === null) {
    return `type=${event === null ? "null" : typeof event}`;
  }
  return `keys=${Object.keys(event).slice(0, 20).join(",")}`;
}
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  MAX_ENRICHMENT_MS,
  SAFETY_MARGIN_MS,
  handler
});
