/**
 * Who is signed in, under which purpose, for which case. Kept in sessionStorage: a tab's session ends when the
 * tab closes, and a token never lands in localStorage for the next user of a shared office computer.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { setUnauthenticatedHandler, type RequestCredentials } from '../api/graphql';

export interface SessionUser {
  sub: string;
  name: string;
  dept: string;
  role: string;
  jurisdiction: string;
}

export interface PurposeChoice {
  code: string;
  label: string;
  caseRequired: boolean;
}

export interface SessionInfo {
  user: SessionUser;
  jurisdictionName: string | null;
  purposes: PurposeChoice[];
  expiresAt: string | null;
}

interface StoredSession {
  token: string;
  info: SessionInfo;
  purpose?: string;
  caseId?: string;
}

interface SessionApi {
  session: StoredSession | undefined;
  credentials: RequestCredentials;
  /** The chosen purpose with its label, once chosen. */
  purpose: PurposeChoice | undefined;
  signIn(token: string): Promise<void>;
  choosePurpose(code: string, caseId?: string): void;
  clearPurpose(): void;
  signOut(reason?: string): void;
  /** Why the last session ended (e.g. the token expired), shown on the sign-in page. */
  endedBecause: string | undefined;
}

const STORAGE_KEY = 'gridhub.console.session';
const SessionContext = createContext<SessionApi | undefined>(undefined);

function load(): StoredSession | undefined {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as StoredSession) : undefined;
  } catch {
    return undefined;
  }
}

function store(session: StoredSession | undefined): void {
  if (session) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  else sessionStorage.removeItem(STORAGE_KEY);
}

/** Asks the gateway who the token belongs to and which purposes the department may use. */
export async function fetchSessionInfo(token: string): Promise<SessionInfo> {
  let response: Response;
  try {
    response = await fetch('/auth/session', { headers: { authorization: `Bearer ${token}` } });
  } catch {
    throw new Error('无法连接到平台网关，请检查网络后重试');
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(response.status === 401 ? `令牌无效：${body?.errors?.[0]?.message ?? '请重新登录'}` : `登录失败（HTTP ${response.status}）`);
  return body as SessionInfo;
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<StoredSession | undefined>(load);
  const [endedBecause, setEndedBecause] = useState<string>();
  const update = useCallback((next: StoredSession | undefined) => {
    store(next);
    setSession(next);
  }, []);
  const signOut = useCallback(
    (reason?: string) => {
      setEndedBecause(reason);
      update(undefined);
    },
    [update],
  );
  useEffect(() => setUnauthenticatedHandler(() => signOut('登录已失效，请重新登录。')), [signOut]);
  // A token that expires while the page is open ends the session at that moment, not at the next failed request.
  useEffect(() => {
    const expires = session?.info.expiresAt ? Date.parse(session.info.expiresAt) : NaN;
    if (Number.isNaN(expires)) return;
    const timer = setTimeout(() => signOut('登录已到期，请重新登录。'), Math.max(0, Math.min(expires - Date.now(), 2 ** 31 - 1)));
    return () => clearTimeout(timer);
  }, [session?.info.expiresAt, signOut]);

  const api = useMemo<SessionApi>(() => {
    const purpose = session?.info.purposes.find((p) => p.code === session.purpose);
    return {
      session,
      endedBecause,
      purpose,
      credentials: { token: session?.token ?? '', purpose: purpose?.code, caseId: session?.caseId },
      async signIn(token: string) {
        const info = await fetchSessionInfo(token);
        setEndedBecause(undefined);
        update({ token, info });
      },
      choosePurpose(code: string, caseId?: string) {
        if (!session) return;
        update({ ...session, purpose: code, caseId: caseId?.trim() || undefined });
      },
      clearPurpose() {
        if (!session) return;
        update({ token: session.token, info: session.info });
      },
      signOut,
    };
  }, [session, endedBecause, update, signOut]);
  return <SessionContext.Provider value={api}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const api = useContext(SessionContext);
  if (!api) throw new Error('useSession outside SessionProvider');
  return api;
}
