export * from './baseline-trail-props';
export * from './baseline-trail';
export * from './data-event-filters';
export * from './event-selectors';
export * from './network-activity-events';
export * from './trail-event-options';
export * from './trail-logging-remediation';
export * from './trail-log-group-lookup';
