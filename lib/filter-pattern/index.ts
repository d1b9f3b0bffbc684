export * from './json-filter-pattern';
