/** Who performed an action, as the audit log records it. */
export type Actor = {
  type: 'user' | 'api_key' | 'system';
  id: string | null;
  /** An email, an API key's name, or the system component. */
  label: string;
  ip?: string;
  requestId?: string;
};

export const SYSTEM_ACTOR: Actor = { type: 'system', id: null, label: 'system' };
