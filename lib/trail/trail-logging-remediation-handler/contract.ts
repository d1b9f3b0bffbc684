// What the trail logging remediation handler and the construct that deploys it
// (../trail-logging-remediation.ts) agree on. Imported by both: keep it free of runtime dependencies.

/** The environment variable that holds the JSON array of the trail ARNs the function may restart. */
export const TRAIL_ARNS_ENV = 'TRAIL_ARNS';

/** The only AWS APIs the handler calls, on those trail ARNs only. */
export const REMEDIATION_ACTIONS = ['cloudtrail:GetTrailStatus', 'cloudtrail:StartLogging'] as const;
