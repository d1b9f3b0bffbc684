export * from './baseline-trail';
