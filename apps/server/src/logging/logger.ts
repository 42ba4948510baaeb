import type { Config } from '@crm/config';
import { pino, type Logger } from 'pino';

/** Paths that may carry secrets; pino replaces their values before anything is written. */
export const REDACT_PATHS = [
  'password',
  '*.password',
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
  'refreshToken',
  '*.refreshToken',
  'secret',
  '*.secret',
  'authorization',
  '*.authorization',
  'headers.authorization',
  'headers.cookie',
  'headers["x-api-key"]',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'credentials',
  '*.credentials',
];

/** JSON lines in production (and whenever stdout is not a terminal), readable lines in development. */
export function createLogger(config: Pick<Config, 'env' | 'logLevel'>, destination?: pino.DestinationStream): Logger {
  const pretty = config.env === 'development' && process.stdout.isTTY && !destination;
  return pino(
    {
      level: config.logLevel,
      base: { service: 'crm' },
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      ...(pretty
        ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service' } } }
        : {}),
    },
    destination,
  );
}
