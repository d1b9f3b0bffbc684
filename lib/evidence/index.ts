export * from './digest-validator';
