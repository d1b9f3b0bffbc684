export * from './alarm-notifications';
export * from './chat-webhook';
export * from './ialarm-notifications';
