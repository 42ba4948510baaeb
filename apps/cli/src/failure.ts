import { errorInfo } from '@crm/sdk';

/** A failure to report as it is: one line, no stack. */
export class CliError extends Error {}

type FailureContext = {
  url: string;
  /** What to do about a refused session, when that is signing in again. */
  signIn?: string;
};

/**
 * One line for any failure: the server's message, the fields it objected to, what to do next
 * and the request id that finds the request in the server's log.
 */
export function describeFailure(error: unknown, context: FailureContext): string {
  if (error instanceof CliError) return error.message;
  const info = errorInfo(error);
  if (info.code === 'NETWORK_ERROR') return `could not reach ${context.url}: ${info.message}`;

  let line = info.message;
  if (info.issues.length > 0) {
    line += `: ${info.issues.map((i) => (i.path.length ? `${i.path.join('.')} ${i.message}` : i.message)).join('; ')}`;
  }
  if (info.code === 'UNAUTHORIZED' && context.signIn) line += ` (${context.signIn})`;
  const reference = [info.code, info.requestId && `request ${info.requestId}`]
    .filter(Boolean)
    .join(', ');
  return `${line} [${reference}]`;
}

export function signInHint(profile: string): string {
  return profile === 'default' ? 'run: crm login' : `run: crm login --profile ${profile}`;
}
