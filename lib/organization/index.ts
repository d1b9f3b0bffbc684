// What spans the accounts of an AWS Organization: the trail's shared description (TrailDescription),
// the SCP / RCP guardrails (OrganizationGuardrails) and the central findings of the member accounts'
// detections (CentralDetectionFindings).
export * from './trail-description';
export * from './organization-guardrails';
export * from './central-detection-findings';
