export * from './cloudtrail-baseline';
