// Keyboard shortcuts for the moves an adviser makes all day. Single keys, so they never fire while
// the adviser is typing in a field (or with Ctrl, Alt or Cmd held), and they can be turned off on
// the help page. Ctrl+Enter (Cmd+Enter) sends the form being filled, from inside it.
import { useEffect } from 'react';
import { useLocation } from 'wouter';
import { requestFocus, takePendingFocus } from './page.ts';
import { useShortcutsEnabled } from './settings.ts';

export interface Shortcut {
  keys: string[];
  does: string;
}

/** What the help page lists. */
export const SHORTCUTS: Shortcut[] = [
  { keys: ['n'], does: 'New contact' },
  { keys: ['s', '/'], does: 'Search for a resident' },
  { keys: ['l'], does: 'Now: the live feed of contacts' },
  { keys: ['f'], does: 'Go to the next empty field of the form on the page' },
  { keys: ['?'], does: 'Help and these shortcuts' },
  { keys: ['Ctrl', 'Enter'], does: 'Send the form you are filling in (also Cmd+Enter on a Mac)' },
];

/** Fired when the adviser asks for a new contact while on the new contact page (e.g. its confirmation). */
export const NEW_CONTACT_EVENT = 'frontdoor:new-contact';

const FIELD_SELECTOR = 'input:not([type=hidden]):not([disabled]), select:not([disabled]), textarea:not([disabled])';

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['button', 'submit', 'reset', 'checkbox', 'radio', 'image'].includes(target.type);
  return false;
}

function isEmpty(field: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement): boolean {
  if (field instanceof HTMLInputElement && (field.type === 'radio' || field.type === 'checkbox')) {
    if (field.type === 'checkbox') return false;
    const group = field.form?.querySelectorAll<HTMLInputElement>(`input[type=radio][name="${CSS.escape(field.name)}"]`);
    return ![...(group ?? [field])].some((radio) => radio.checked);
  }
  return field.value.trim() === '';
}

/** Focuses the first empty field of the first form in the main content; else its send button. */
export function focusNextEmptyField(): boolean {
  const main = document.getElementById('main-content');
  const fields = [...(main?.querySelectorAll<HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement>(FIELD_SELECTOR) ?? [])].filter(
    (field) => field.offsetParent !== null && field.form !== null,
  );
  const next = fields.find(isEmpty);
  if (next) {
    next.focus();
    return true;
  }
  const send = main?.querySelector<HTMLButtonElement>('form button[type=submit]');
  send?.focus();
  return Boolean(send);
}

export function useShortcuts(): void {
  const enabled = useShortcutsEnabled();
  const [location, navigate] = useLocation();
  useEffect(() => {
    const go = (path: string, focus?: string) => {
      if (focus) requestFocus(focus);
      if (location === path) takePendingFocus();
      else navigate(path);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      if ((event.ctrlKey || event.metaKey) && event.key === 'Enter') {
        const form = (event.target as HTMLElement | null)?.closest?.('form');
        if (form) {
          event.preventDefault();
          form.requestSubmit();
        }
        return;
      }
      if (!enabled || event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      const actions: Record<string, () => void> = {
        n: () => {
          if (location === '/') window.dispatchEvent(new Event(NEW_CONTACT_EVENT));
          go('/');
        },
        s: () => go('/residents', '#resident-search'),
        '/': () => go('/residents', '#resident-search'),
        l: () => go('/now'),
        '?': () => go('/help'),
        f: () => void focusNextEmptyField(),
      };
      const action = actions[event.key];
      if (!action) return;
      event.preventDefault();
      action();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [enabled, location, navigate]);
}
