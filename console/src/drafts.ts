// Half-filled forms survive a trip to the sign-in page (an expired session) and a reload: each
// form keeps its draft in this tab's sessionStorage under the page it is on, and forgets it when
// it is sent. Signing out forgets every draft.
import { useCallback, useEffect, useRef, useState } from 'react';

const PREFIX = 'frontdoor.draft:';

function read<T>(key: string): T | undefined {
  try {
    const raw = window.sessionStorage.getItem(PREFIX + key);
    return raw === null ? undefined : (JSON.parse(raw) as T);
  } catch {
    return undefined;
  }
}

function write(key: string, value: unknown): void {
  try {
    window.sessionStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // Storage full or refused: the form still works, the draft is just not kept.
  }
}

export function clearDraft(key: string): void {
  window.sessionStorage.removeItem(PREFIX + key);
}

export function clearAllDrafts(): void {
  for (const key of Object.keys(window.sessionStorage)) if (key.startsWith(PREFIX)) window.sessionStorage.removeItem(key);
}

/**
 * A form's state, kept as a draft under `key` (the page's path and the form's name). The draft is
 * written on every change, so nothing typed is lost if the page goes to sign in.
 */
export function useDraft<T extends object>(key: string, initial: () => T): [T, (change: Partial<T> | ((draft: T) => T)) => void, () => void] {
  const [draft, setDraft] = useState<T>(() => ({ ...initial(), ...read<Partial<T>>(key) }));
  const keyRef = useRef(key);
  // Another key (the same form on another case): start from that page's draft.
  useEffect(() => {
    if (keyRef.current === key) return;
    keyRef.current = key;
    setDraft({ ...initial(), ...read<Partial<T>>(key) });
    // initial is a factory for defaults; the key alone decides which draft is shown.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  const update = useCallback(
    (change: Partial<T> | ((draft: T) => T)) => {
      setDraft((current) => {
        const next = typeof change === 'function' ? change(current) : { ...current, ...change };
        write(keyRef.current, next);
        return next;
      });
    },
    [],
  );
  const discard = useCallback(() => {
    clearDraft(keyRef.current);
    setDraft(initial());
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return [draft, update, discard];
}
