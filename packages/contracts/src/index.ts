export * from './common/errors';
export * from './common/list';
export * from './common/procedure';
export * from './common/query';
export * from './permissions';
export * from './system/system';
