export * from './detection';
export * from './catalog';
export * from './detection-alarms';
