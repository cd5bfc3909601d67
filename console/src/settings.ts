// The adviser's own settings, kept in this browser (localStorage): whether the single-key
// shortcuts are on (WCAG 2.1.4: they can be turned off), the Customer Service Centre they work in.
import { useSyncExternalStore } from 'react';

const SHORTCUTS_KEY = 'frontdoor.shortcuts';
const CENTRE_KEY = 'frontdoor.centre';
const listeners = new Set<() => void>();

function safeGet(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

function safeSet(key: string, value: string): void {
  try {
    window.localStorage.setItem(key, value);
  } catch {
    // Private browsing may refuse storage: the setting lasts for this page only.
  }
}

export function shortcutsEnabled(): boolean {
  return safeGet(SHORTCUTS_KEY) !== 'off';
}

export function setShortcutsEnabled(on: boolean): void {
  safeSet(SHORTCUTS_KEY, on ? 'on' : 'off');
  for (const listener of listeners) listener();
}

export function useShortcutsEnabled(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    shortcutsEnabled,
  );
}

export function lastCentre(): string {
  return safeGet(CENTRE_KEY) ?? '';
}

export function rememberCentre(centre: string): void {
  if (centre.trim()) safeSet(CENTRE_KEY, centre.trim());
}
