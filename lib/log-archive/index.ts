export * from './lifecycle';
export * from './log-archive';
