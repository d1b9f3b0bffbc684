export * from './json-filter-pattern';
export * from './filter-pattern-sql';
