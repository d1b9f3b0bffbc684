export * from './ilog-archive';
export * from './lifecycle';
export * from './log-archive';
export * from './tamper-protection';
export * from './organization-read-options';
export * from './log-archive-props';
export * from './replication';
