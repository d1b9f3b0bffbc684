export * from './cloudtrail-baseline-props';
export * from './cloudtrail-baseline';
