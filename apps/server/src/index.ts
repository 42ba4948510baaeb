export { createApp } from './http/app';
export type { AppRuntime } from './http/env';
export { createLogger } from './logging/logger';
export { startServer, type RunningServer } from './runtime/start';
