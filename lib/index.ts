export * from './filter-pattern';
export * from './organization';
export * from './log-archive';
export * from './trail';
export * from './detections';
export * from './alarm-actions';
export * from './baseline';
export * from './monitoring';
