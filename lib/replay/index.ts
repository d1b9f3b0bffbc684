// The replay tool (`cdk-cloudtrail-baseline replay`). Internal: not re-exported by lib/index.ts.
export * from './args';
export * from './cli';
export * from './decode';
export * from './detections';
export * from './file-replayer';
export * from './files';
export * from './matcher';
export * from './pool';
export * from './report';
export * from './runner';
export * from './stats';
export * from './template';
