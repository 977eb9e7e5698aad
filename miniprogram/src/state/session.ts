import { storage } from './storage';

export type Role = 'resident' | 'official' | 'reviewer' | 'tracer' | 'checkpoint';
export interface Session {
  token: string;
  expiresAt: string;
  accountId: string;
  role: Role;
  registered: boolean;
}

const KEY = 'hc.session';

export function readSession(now = Date.now()): Session | null {
  const session = storage.get<Session>(KEY);
  if (!session || Date.parse(session.expiresAt) <= now) return null;
  return session;
}

export function saveSession(session: Session): void {
  storage.set(KEY, session);
}

export function clearSession(): void {
  storage.remove(KEY);
}

export const isOfficial = (role: Role | undefined) => role === 'official' || role === 'reviewer' || role === 'tracer';
