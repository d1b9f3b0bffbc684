export * from './trail-description';
