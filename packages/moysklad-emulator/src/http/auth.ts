import { randomBytes } from 'node:crypto';
import type { TokenCredential, UserCredential } from '../config';
import { ApiError } from './errors';

/** Who is calling, as far as limits and permissions are concerned. */
export interface Identity {
  /** The rate-limit account: limits are per MoySklad user or per solution. */
  key: string;
  kind: 'basic' | 'user-token' | 'solution';
  user?: UserCredential;
  solution?: { appUid: string; draft: boolean; index: number };
}

function unauthorized(reason: string): ApiError {
  return new ApiError(401, 1056, `Ошибка аутентификации: ${reason}`, undefined, {
    'X-Lognex-Auth': '1056',
    'X-Lognex-Auth-Message': 'Authentication failed',
  });
}

/** Basic (`login@account:password`) and Bearer authentication against configured credentials. */
export class Authenticator {
  private readonly tokens: TokenCredential[];
  private readonly solutionUids: string[] = [];

  constructor(
    private readonly users: readonly UserCredential[],
    tokens: readonly TokenCredential[],
  ) {
    this.tokens = [...tokens];
    for (const t of tokens)
      if (t.kind === 'solution' && !this.solutionUids.includes(t.appUid))
        this.solutionUids.push(t.appUid);
  }

  private user(login: string): UserCredential | undefined {
    return this.users.find((u) => u.login.toLowerCase() === login.toLowerCase());
  }

  authenticate(header: string | undefined): Identity {
    if (!header) throw unauthorized('не указаны данные для аутентификации');
    const [scheme = '', ...rest] = header.trim().split(/\s+/);
    const value = rest.join(' ');
    if (scheme.toLowerCase() === 'basic') {
      const decoded = Buffer.from(value, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const user = colon > 0 ? this.user(decoded.slice(0, colon)) : undefined;
      if (!user || user.password !== decoded.slice(colon + 1))
        throw unauthorized('неправильный пароль или имя пользователя');
      return { key: `user:${user.login.toLowerCase()}`, kind: 'basic', user };
    }
    if (scheme.toLowerCase() === 'bearer') {
      const token = this.tokens.find((t) => t.token === value);
      if (!token) throw unauthorized('неверный токен доступа');
      if (token.kind === 'solution') {
        return {
          key: `solution:${token.appUid}`,
          kind: 'solution',
          solution: {
            appUid: token.appUid,
            draft: token.draft,
            index: this.solutionUids.indexOf(token.appUid),
          },
        };
      }
      const user = this.user(token.login);
      if (!user) throw unauthorized('неверный токен доступа');
      return { key: `user:${user.login.toLowerCase()}`, kind: 'user-token', user };
    }
    throw unauthorized('неподдерживаемый тип аутентификации');
  }

  /** `POST /security/token`: a new user token; the user's earlier tokens stop working. */
  issueToken(user: UserCredential): string {
    const token = randomBytes(20).toString('hex');
    for (let i = this.tokens.length - 1; i >= 0; i--) {
      const t = this.tokens[i]!;
      if (t.kind === 'user' && t.login.toLowerCase() === user.login.toLowerCase())
        this.tokens.splice(i, 1);
    }
    this.tokens.push({ token, kind: 'user', login: user.login });
    return token;
  }
}
