export * from './alarm-notifications';
export * from './alarm-notifier-function';
export * from './chat-webhook';
export * from './ialarm-notifications';
