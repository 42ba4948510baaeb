export * from './config';
export * from './version';
