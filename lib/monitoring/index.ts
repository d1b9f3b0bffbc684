export * from './baseline-monitoring';
