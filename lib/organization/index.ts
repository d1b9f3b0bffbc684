export * from './trail-description';
export * from './organization-guardrails';
export * from './central-detection-findings';
