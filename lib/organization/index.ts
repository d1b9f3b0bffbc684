export * from './trail-description';
export * from './organization-guardrails';
