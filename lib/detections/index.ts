export * from './detection';
export * from './catalog';
export * from './alarm-routing';
export * from './detection-alarms';
export * from './idetection-alarms';
