export { LogArchiveLifecycle } from './lifecycle';
export * from './log-archive';
