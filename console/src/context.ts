import { createContext, useContext } from 'react';
import type { ConsoleConfig } from './config.ts';
import type { Session as SignedIn } from './session.ts';

export interface Session {
  config: ConsoleConfig;
  /** The signed-in person; null when nobody is (the simulator and help need nobody). */
  user: SignedIn | null;
  /** False until the stored session has been read. */
  ready: boolean;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside the app');
  return session;
}
