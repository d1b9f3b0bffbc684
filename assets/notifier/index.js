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
  handler: () => handler
});
module.exports = __toCommonJS(index_exports);
var import_client_sns = require("@aws-sdk/client-sns");

// lib/alarm-actions/notifier-handler/contract.ts
var MESSAGE_TYPE_ATTRIBUTE = "baseline_message_type";
var NOTIFICATION_MESSAGE_TYPE = "notification";
var TOPIC_ARN_ENV = "TOPIC_ARN";
var LOG_GROUP_NAME_ENV = "LOG_GROUP_NAME";

// lib/alarm-actions/notifier-handler/console-links.ts
var LOGS_INSIGHTS_LOOKBACK_SECONDS = 3600;
var LOGS_INSIGHTS_LOOKAHEAD_SECONDS = 300;
var LOGS_INSIGHTS_QUERY = [
  "fields @timestamp, eventSource, eventName, userIdentity.arn, sourceIPAddress, errorCode, recipientAccountId",
  "| sort @timestamp desc",
  "| limit 200"
].join("\n");
function consoleBase(region) {
  const r = encodeURIComponent(region);
  return `https://${r}.console.aws.amazon.com/cloudwatch/home?region=${r}`;
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

// lib/alarm-actions/notifier-handler/format.ts
var MAX_SUBJECT_LENGTH = 99;
function isAlarmEvent(event) {
  return typeof event === "object" && event !== null && typeof event.alarmData === "object" && event.alarmData !== null;
}
function formatNotification(event, options = {}) {
  const data = event.alarmData ?? {};
  const alarmName = text(data.alarmName);
  const alarmArn = text(event.alarmArn);
  const region = text(event.region) ?? arnPart(alarmArn, 3);
  const account = text(event.accountId) ?? arnPart(alarmArn, 4);
  const newState = text(data.state?.value) ?? "UNKNOWN";
  const oldState = text(data.previousState?.value) ?? "UNKNOWN";
  const description = text(data.configuration?.description);
  const when = parseAlarmTime(text(data.state?.timestamp) ?? text(event.time));
  const rawWhen = text(data.state?.timestamp) ?? text(event.time);
  const label = alarmLabel(description, alarmName);
  const subject = formatSubject(newState, label, [account, region].filter(isDefined).join(" "));
  const lines = [];
  lines.push(`${newState}: ${label}`, "");
  const quotedName = alarmName ? `"${alarmName}"` : "(no name in the event)";
  lines.push(...stateSummary(quotedName, oldState, newState), "");
  if (description) {
    lines.push("What fired:", ...indent(description), "");
  }
  const details = [
    ["State", `${oldState} -> ${newState}`],
    ["When", when ? `${formatUtc(when)} (${when.toISOString()})` : rawWhen ?? "unknown"],
    ["Account", account ?? "unknown"],
    ["Region", region ?? "unknown"],
    ["Why", text(data.state?.reason)],
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
  if (region && alarmName) {
    lines.push("Alarm in the CloudWatch console:", `  ${alarmConsoleUrl(region, alarmName)}`, "");
  }
  const logGroupName = text(options.logGroupName);
  if (region && logGroupName) {
    lines.push(
      `CloudTrail events around that time in CloudWatch Logs Insights (log group ${logGroupName}):`,
      `  ${logsInsightsConsoleUrl(region, logGroupName, when)}`,
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
        `The CloudWatch alarm ${quotedName} changed from ${oldState} to ALARM: its detection fired.`,
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
      ].filter(isDefined);
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
function isDefined(value) {
  return value !== void 0;
}

// lib/alarm-actions/notifier-handler/index.ts
var sns = new import_client_sns.SNSClient({});
async function handler(event) {
  const topicArn = process.env[TOPIC_ARN_ENV]?.trim();
  if (!topicArn) {
    throw new Error(`The alarm notifier needs the environment variable ${TOPIC_ARN_ENV} (the ARN of the SNS topic to publish to); it is not set.`);
  }
  if (!isAlarmEvent(event)) {
    console.warn("Ignoring an event that is not a CloudWatch alarm event (it has no alarmData object).", describe(event));
    return { published: false };
  }
  const notification = formatNotification(event, {
    logGroupName: process.env[LOG_GROUP_NAME_ENV]?.trim() || void 0
  });
  const output = await sns.send(new import_client_sns.PublishCommand({
    TopicArn: topicArn,
    Subject: notification.subject,
    Message: notification.message,
    MessageAttributes: {
      [MESSAGE_TYPE_ATTRIBUTE]: { DataType: "String", StringValue: NOTIFICATION_MESSAGE_TYPE }
    }
  }));
  console.log(JSON.stringify({
    message: "Published alarm notification",
    alarmArn: event.alarmArn,
    state: event.alarmData.state?.value,
    messageId: output.MessageId
  }));
  return { published: true, messageId: output.MessageId };
}
function describe(event) {
  if (typeof event !== "object" || event === null) {
    return `type=${event === null ? "null" : typeof event}`;
  }
  return `keys=${Object.keys(event).slice(0, 20).join(",")}`;
}
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  handler
});
