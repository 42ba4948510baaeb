import type { ErrorCode } from '@crm/contracts';

export type LocalizedText = { en: string; ru: string };

/**
 * An expected failure of a service (not found, conflict, refused), with the text to show in
 * English and Russian. The API turns it into the matching HTTP status; anything else is a bug and
 * is answered with a generic 500.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly text: LocalizedText,
    readonly issues: { path: (string | number)[]; text: LocalizedText }[] = [],
    /** For TOO_MANY_REQUESTS: when to try again, sent as Retry-After. */
    readonly options: { retryAfterSeconds?: number } = {},
  ) {
    super(text.en);
    this.name = 'DomainError';
  }
}
