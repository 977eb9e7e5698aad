import { useEffect, useState } from 'react';
import { login, ApiError } from '../services/api';
import { clearSession, isOfficial, readSession, type Role } from '../state/session';

/** The console's sections and who may open each: the same roles the server checks on its routes. */
export const SECTIONS = {
  dashboard: ['official'],
  venues: ['official', 'reviewer'],
  categories: ['official', 'reviewer'],
  riskAreas: ['official'],
  cases: ['official', 'tracer'],
  colour: ['official'],
  institutions: ['official'],
  audit: ['official'],
  appeals: ['official'],
  staff: ['official'],
} as const satisfies Record<string, readonly Role[]>;

export type Section = keyof typeof SECTIONS;

export function mayOpen(role: Role | undefined, section: Section | 'home'): boolean {
  if (!isOfficial(role)) return false;
  if (section === 'home') return true;
  return (SECTIONS[section] as readonly Role[]).includes(role!);
}

export type Access =
  | { status: 'checking' }
  | { status: 'allowed'; role: Role }
  | { status: 'denied'; role: Role }
  | { status: 'error'; error: ApiError };

function judge(role: Role, section: Section | 'home'): Access {
  return mayOpen(role, section) ? { status: 'allowed', role } : { status: 'denied', role };
}

/**
 * Whether this account may open a console page. The session's role decides what is shown; the
 * server checks the role again on every call (a stale session gets 403 and the page says so).
 * Without a session the app logs in first, as every request would.
 */
export function useConsoleAccess(section: Section | 'home'): { access: Access; recheck: () => Promise<void> } {
  const [access, setAccess] = useState<Access>(() => {
    const session = readSession();
    return session ? judge(session.role, section) : { status: 'checking' };
  });

  const check = async (fresh: boolean) => {
    setAccess({ status: 'checking' });
    try {
      // A fresh login reads the role as the server holds it now (a role just granted or taken back).
      if (fresh) clearSession();
      const session = readSession() ?? (await login());
      setAccess(judge(session.role, section));
    } catch (err) {
      setAccess({ status: 'error', error: err instanceof ApiError ? err : new ApiError(0, 'UNEXPECTED', String(err)) });
    }
  };

  useEffect(() => {
    if (access.status === 'checking') void check(false);
  }, []);

  return { access, recheck: () => check(true) };
}
