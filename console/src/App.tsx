// The routes. Adviser views need a signed-in person (and go to sign in without one); the resident
// simulator and the help page need nobody. Views not needed at first load are loaded when opened.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { Redirect, Route, Switch, useLocation } from 'wouter';
import { retryTransient } from './api.ts';
import { ErrorBoundary } from './components/ErrorBoundary.tsx';
import { Layout } from './components/Layout.tsx';
import type { ConsoleConfig } from './config.ts';
import { SessionContext, useSession } from './context.ts';
import { usePage } from './page.ts';
import { useMe } from './queries.ts';
import { goToSignIn, readSession, type Session } from './session.ts';
import { NewContact } from './pages/NewContact.tsx';

const Residents = lazy(() => import('./pages/Residents.tsx'));
const Resident = lazy(() => import('./pages/Resident.tsx'));
const CasePage = lazy(() => import('./pages/Case.tsx'));
const Now = lazy(() => import('./pages/Now.tsx'));
const ServiceLevels = lazy(() => import('./pages/ServiceLevels.tsx'));
const Worklist = lazy(() => import('./pages/Worklist.tsx'));
const Performance = lazy(() => import('./pages/Performance.tsx'));
const Demand = lazy(() => import('./pages/Demand.tsx'));
const Help = lazy(() => import('./pages/Help.tsx'));
const Simulator = lazy(() => import('./pages/Simulator.tsx'));

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: retryTransient, refetchOnWindowFocus: true, staleTime: 10_000 },
    mutations: { retry: false },
  },
});

function RequireSignIn({ children }: { children: ReactNode }) {
  const { user } = useSession();
  // Read again on each page: the session may have run out since the app started.
  const signedIn = Boolean(user && readSession());
  useEffect(() => {
    if (!signedIn) void goToSignIn();
  }, [signedIn]);
  if (!signedIn) return <Waiting title="Signing you in" />;
  return <>{children}</>;
}

function Waiting({ title }: { title: string }) {
  usePage(title);
  return (
    <>
      <h1 className="govuk-heading-l">{title}</h1>
      <p className="govuk-body">One moment…</p>
    </>
  );
}

/** The first page: New contact for advisers and managers; a service team's member who is neither, their worklist. */
function Home() {
  const me = useMe();
  const roles = me.data?.roles;
  if (roles && !roles.adviser && roles.teams.length > 0) return <Redirect to="/worklist" replace />;
  if (me.isLoading) return <Waiting title="Loading" />;
  return <NewContact />;
}

function NotFound() {
  usePage('Page not found');
  return (
    <>
      <h1 className="govuk-heading-l">Page not found</h1>
      <p className="govuk-body">If you typed the address, check it is correct. If you followed a link, use the menu above.</p>
    </>
  );
}

/** A fault in one page stays in that page: the next page starts afresh. */
function PageBoundary({ children }: { children: ReactNode }) {
  const [location] = useLocation();
  return <ErrorBoundary key={location}>{children}</ErrorBoundary>;
}

export function App({ config, user }: { config: ConsoleConfig; user: Session | null }) {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionContext.Provider value={{ config, user, ready: true }}>
        <Layout>
          <PageBoundary>
            <Suspense fallback={<Waiting title="Loading" />}>
              <Switch>
                {config.simulator && <Route path="/simulator/:view?" component={Simulator} />}
                <Route path="/help" component={Help} />
                <Route>
                  <RequireSignIn>
                    <Switch>
                      <Route path="/" component={Home} />
                      <Route path="/residents" component={Residents} />
                      <Route path="/residents/:key" component={Resident} />
                      <Route path="/cases/:reference" component={CasePage} />
                      <Route path="/now" component={Now} />
                      <Route path="/service-levels" component={ServiceLevels} />
                      <Route path="/worklist" component={Worklist} />
                      <Route path="/performance" component={Performance} />
                      <Route path="/measures">
                        <Redirect to="/performance" replace />
                      </Route>
                      <Route path="/demand" component={Demand} />
                      <Route component={NotFound} />
                    </Switch>
                  </RequireSignIn>
                </Route>
              </Switch>
            </Suspense>
          </PageBoundary>
        </Layout>
      </SessionContext.Provider>
    </QueryClientProvider>
  );
}
