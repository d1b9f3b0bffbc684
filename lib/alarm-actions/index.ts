export * from './alarm-notifications';
export * from './chat-webhook';
