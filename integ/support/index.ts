export * from './assertions';
export * from './detection-events';
export * from './protection';
