// On every page change: the page's title says where the adviser is, and focus moves to the main
// heading so a screen reader starts there (a shortcut may ask for another place, e.g. the search box).
import { useEffect } from 'react';
import { COUNCIL_NAME, SERVICE_NAME } from './council.ts';

let pendingFocus: string | null = null;

/** Called by the layout when the path changes (not on the first page the browser loads). */
export function focusOnNextPage(selector = '#main-content h1'): void {
  pendingFocus ??= selector;
}

/** Asks the next page (or this one, if it is already shown) to put focus on `selector`. */
export function requestFocus(selector: string): void {
  pendingFocus = selector;
}

export function takePendingFocus(): void {
  if (!pendingFocus) return;
  const target = document.querySelector<HTMLElement>(pendingFocus);
  if (!target) return;
  pendingFocus = null;
  if (target.tagName === 'H1' || target.tagName === 'H2') target.tabIndex = -1;
  target.focus();
}

export function pageTitle(title: string): string {
  return `${title} – ${SERVICE_NAME} – ${COUNCIL_NAME}`;
}

/** Sets the page title, and takes focus when the adviser has just arrived here. */
export function usePage(title: string): void {
  useEffect(() => {
    document.title = pageTitle(title);
  }, [title]);
  useEffect(() => {
    takePendingFocus();
  });
}
