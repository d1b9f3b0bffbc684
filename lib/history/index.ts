export * from './archive-queries';
