// The frame of every page: skip link, the council's generic header (no crown, no GDS Transport),
// the service navigation with the signed-in person, and the main content.
import { useLayoutEffect, useRef, type MouseEvent, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { goToSignIn, goToSignOut } from '../session.ts';
import { useSession } from '../context.ts';
import { COUNCIL_NAME, SERVICE_NAME } from '../council.ts';
import { focusOnNextPage } from '../page.ts';
import { useMe } from '../queries.ts';
import { useShortcuts } from '../shortcuts.ts';

interface NavItem {
  href: string;
  text: string;
  /** Which paths count as this item. */
  matches: (path: string) => boolean;
}

export function Layout({ children }: { children: ReactNode }) {
  const { config, user } = useSession();
  const [location] = useLocation();
  const me = useMe(Boolean(user));
  useShortcuts();

  // A new page: focus goes to its main heading (not on the first page the browser opens).
  const previous = useRef(location);
  useLayoutEffect(() => {
    if (previous.current !== location) focusOnNextPage();
    previous.current = location;
  }, [location]);

  // What each person's groups let them use: the adviser views until /me says otherwise.
  const roles = me.data?.roles;
  const adviser = roles?.adviser ?? true;
  const items: NavItem[] = [
    ...(adviser
      ? [
          { href: '/', text: 'New contact', matches: (p: string) => p === '/' },
          { href: '/residents', text: 'Residents', matches: (p: string) => p.startsWith('/residents') },
          { href: '/now', text: 'Now', matches: (p: string) => p === '/now' },
          { href: '/service-levels', text: 'Service levels', matches: (p: string) => p === '/service-levels' },
        ]
      : []),
    ...(roles?.teams.length ? [{ href: '/worklist', text: 'Worklist', matches: (p: string) => p === '/worklist' }] : []),
    ...(roles?.manager
      ? [
          { href: '/performance', text: 'Performance', matches: (p: string) => p === '/performance' },
          { href: '/demand', text: 'Demand', matches: (p: string) => p === '/demand' },
        ]
      : []),
    ...(config.simulator ? [{ href: '/simulator', text: 'Resident simulator', matches: (p: string) => p.startsWith('/simulator') }] : []),
    { href: '/help', text: 'Help', matches: (p) => p === '/help' },
  ];

  const skip = (event: MouseEvent<HTMLAnchorElement>) => {
    const main = document.getElementById('main-content');
    if (!main) return;
    event.preventDefault();
    main.focus();
  };

  return (
    <>
      <a href="#main-content" className="govuk-skip-link" data-module="govuk-skip-link" onClick={skip}>
        Skip to main content
      </a>
      <header className="govuk-generic-header app-header">
        <div className="govuk-generic-header__container govuk-width-container">
          <div className="govuk-generic-header__logo">
            <Link href="/" className="govuk-generic-header__homepage-link">
              {COUNCIL_NAME}
            </Link>
          </div>
        </div>
      </header>
      <section aria-label="Service information" className="govuk-service-navigation app-service-navigation">
        <div className="govuk-width-container govuk-service-navigation__inlining-container">
          <div className="govuk-service-navigation__container">
            <span className="govuk-service-navigation__service-name">
              <span className="govuk-service-navigation__text">{SERVICE_NAME}</span>
            </span>
            <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
              <ul className="govuk-service-navigation__list" id="navigation">
                {items.map((item) => {
                  const active = item.matches(location);
                  return (
                    <li className={`govuk-service-navigation__item${active ? ' govuk-service-navigation__item--active' : ''}`} key={item.href}>
                      <Link className="govuk-service-navigation__link" href={item.href} aria-current={active ? 'page' : undefined}>
                        {active ? <strong className="govuk-service-navigation__active-fallback">{item.text}</strong> : item.text}
                      </Link>
                    </li>
                  );
                })}
              </ul>
            </nav>
          </div>
          <div className="app-account">
            {user ? (
              <>
                <span className="app-account__name">
                  Signed in as <strong>{user.username}</strong>
                </span>
                <button type="button" className="app-link-button" onClick={() => void goToSignOut()}>
                  Sign out
                </button>
              </>
            ) : (
              <button type="button" className="app-link-button" onClick={() => void goToSignIn('/')}>
                Sign in
              </button>
            )}
          </div>
        </div>
      </section>
      <div className="govuk-width-container">
        <main className="govuk-main-wrapper app-main" id="main-content" tabIndex={-1}>
          {children}
        </main>
      </div>
    </>
  );
}
