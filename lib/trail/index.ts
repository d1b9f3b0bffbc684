export * from './baseline-trail';
export * from './event-selectors';
