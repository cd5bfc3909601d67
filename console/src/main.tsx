// Start: read /config.json, finish a sign-in if the browser has just come back from one, then
// show the console.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { keepConfig, loadConfig } from './config.ts';
import { COUNCIL_NAME, SERVICE_NAME } from './council.ts';
import { goToSignIn, readSession, SIGNED_IN_PATH } from './session.ts';
import './styles/app.scss';

const root = createRoot(document.getElementById('root')!);

/** A page for when the console cannot start: words, and a way on. */
function StartProblem({ title, message, action, onAction }: { title: string; message: string; action: string; onAction: () => void }) {
  return (
    <div className="govuk-width-container">
      <main className="govuk-main-wrapper" id="main-content">
        <h1 className="govuk-heading-l">{title}</h1>
        <p className="govuk-body">{message}</p>
        <button type="button" className="govuk-button" onClick={onAction}>
          {action}
        </button>
      </main>
    </div>
  );
}

async function start(): Promise<void> {
  let config;
  try {
    config = await loadConfig();
  } catch (error) {
    document.title = `The console could not start – ${SERVICE_NAME} – ${COUNCIL_NAME}`;
    const message = error instanceof Error ? `${error.message[0]!.toUpperCase()}${error.message.slice(1)}.` : 'The console could not start.';
    root.render(<StartProblem title="The console could not start" message={message} action="Try again" onAction={() => window.location.reload()} />);
    return;
  }
  keepConfig(config);
  if (window.location.pathname === SIGNED_IN_PATH) {
    try {
      const { completeSignIn } = await import('./auth.ts');
      window.history.replaceState(null, '', await completeSignIn());
    } catch {
      document.title = `Sign-in did not finish – ${SERVICE_NAME} – ${COUNCIL_NAME}`;
      root.render(
        <StartProblem
          title="Sign-in did not finish"
          message="The sign-in could not be completed: it may have taken too long, or been opened twice. Sign in again to carry on."
          action="Sign in again"
          onAction={() => void goToSignIn('/')}
        />,
      );
      return;
    }
  }
  root.render(
    <StrictMode>
      <App config={config} user={readSession()} />
    </StrictMode>,
  );
}

void start();
