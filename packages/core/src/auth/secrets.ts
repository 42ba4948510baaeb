import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const randomSecret = (bytes = 32) => randomBytes(bytes).toString('base64url');

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/** Compares two hex digests in constant time. */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** Refresh tokens are `<token id>.<secret>`. */
export const formatRefreshToken = (id: string, secret: string) => `${id}.${secret}`;

export function parseRefreshToken(token: string): { id: string; secret: string } | null {
  const match = new RegExp(`^(${UUID})\\.([A-Za-z0-9_-]{20,})$`).exec(token);
  return match ? { id: match[1]!, secret: match[2]! } : null;
}

/** API keys are `crm_<id without dashes>_<secret>`. */
export function formatApiKey(id: string, secret: string): string {
  return `crm_${id.replaceAll('-', '')}_${secret}`;
}

export function parseApiKey(key: string): { id: string; secret: string } | null {
  const match = /^crm_([0-9a-f]{32})_([A-Za-z0-9_-]{20,})$/.exec(key);
  if (!match) return null;
  const hex = match[1]!;
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { id, secret: match[2]! };
}

export const looksLikeApiKey = (value: string) => value.startsWith('crm_');
