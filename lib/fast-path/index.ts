export * from './alarm-topic-rule-target';
export * from './detection-fast-path';
export * from './organization-fast-path';
