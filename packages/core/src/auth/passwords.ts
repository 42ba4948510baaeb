import { hash, verify } from '@node-rs/argon2';
import { DomainError } from '../errors';

export type HashCost = { memoryCost: number; timeCost: number; parallelism: number };

/** OWASP's argon2id baseline. Tests use a far cheaper setting so the suite stays fast. */
export const PRODUCTION_HASH_COST: HashCost = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };
export const TEST_HASH_COST: HashCost = { memoryCost: 1024, timeCost: 1, parallelism: 1 };

// argon2id is the library's default algorithm.
export const hashPassword = (password: string, cost: HashCost) => hash(password, cost);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

// The most used passwords of Russian and international leaks, lowercased.
const COMMON = new Set([
  'password', 'password1', 'password123', '12345678', '123456789', '1234567890', '11111111', '00000000',
  'qwertyui', 'qwerty123', 'qwertyuiop', '1q2w3e4r', '1qaz2wsx', 'zaq12wsx', 'admin123', 'administrator',
  'iloveyou', 'sunshine', 'princess', 'football', 'baseball', 'welcome1', 'abc12345', 'abcd1234', 'passw0rd',
  'йцукенгш', 'пароль123', 'qwerty12', '12341234', '87654321', 'asdfghjk', 'asdf1234', 'changeme',
]);

/** What makes a password unacceptable beyond its length; throws with the reason in both languages. */
export function assertPasswordPolicy(password: string, email: string, path: string[] = ['password']): void {
  const lowered = password.toLowerCase();
  const local = email.split('@')[0]!.toLowerCase();
  let reason: { en: string; ru: string } | undefined;
  if (COMMON.has(lowered)) reason = { en: 'is one of the most common passwords', ru: 'входит в список самых распространённых паролей' };
  else if (new Set(password).size < 4) reason = { en: 'uses too few different characters', ru: 'состоит из слишком малого числа разных символов' };
  else if (lowered === email.toLowerCase() || (local.length >= 4 && lowered.includes(local))) {
    reason = { en: 'must not contain your email', ru: 'не должен содержать ваш email' };
  }
  if (reason) {
    throw new DomainError('BAD_REQUEST', { en: `The password ${reason.en}`, ru: `Пароль ${reason.ru}` }, [{ path, text: reason }]);
  }
}
