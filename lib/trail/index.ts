export * from './baseline-trail';
export * from './event-selectors';
export * from './trail-logging-remediation';
export * from './trail-log-group-lookup';
