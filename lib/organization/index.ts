// What spans the accounts of an AWS Organization: the trail's shared description (TrailDescription),
// the SCP / RCP guardrails (OrganizationGuardrails) and the central findings of the member accounts'
// detections (CentralDetectionFindings) or, for auditors who demand them, per-account detections
// (MemberAccountDetections).
export * from './trail-description';
export * from './organization-guardrails';
export * from './central-detection-findings';
export * from './member-account-detections';
