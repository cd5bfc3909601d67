// When a view cannot be shown (a part of the app that failed to load, e.g. after the console was
// updated, or a fault in a page), say so in words with a way on, instead of a blank page.
import { Component, type ReactNode } from 'react';

interface State {
  failed: boolean;
}

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { failed: false };

  static getDerivedStateFromError(): State {
    return { failed: true };
  }

  override componentDidUpdate(): void {
    if (this.state.failed) document.title = 'This page could not be shown – Contact console';
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <>
        <h1 className="govuk-heading-l">This page could not be shown</h1>
        <p className="govuk-body">
          Part of the console did not load. It may have been updated since you opened it, or the connection dropped. Reload the page to carry on:
          what you typed in a form is kept.
        </p>
        <button type="button" className="govuk-button" onClick={() => window.location.reload()}>
          Reload the page
        </button>
      </>
    );
  }
}
