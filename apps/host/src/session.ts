import { createOcpClient, createOcpProvider } from '@ocp/client';
import { setDefaultProvider } from './elements.js';

/** What sign-in returns and the app keeps: a bearer token in localStorage (no cookies anywhere). */
export interface Session {
  token: string;
  user: { id: string; email: string; displayName: string };
}

const KEY = 'ocp.session';

export function currentSession(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function saveSession(session: Session): void {
  localStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(): void {
  localStorage.removeItem(KEY);
}

/** The typed API client for the app's own calls (tabs, charts, teams…); same origin, so `/trpc`. */
export const api = createOcpClient({ url: '/trpc', getToken: () => currentSession()?.token });

/** The elements' data provider over the same client; every `<ocp-*>` on the page uses it. */
export const provider = createOcpProvider(api);
setDefaultProvider(provider);
