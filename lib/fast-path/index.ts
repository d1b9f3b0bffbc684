export * from './detection-fast-path';
export * from './organization-fast-path';
