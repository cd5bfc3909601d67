import type { ApiError } from '../api.ts';
import { useSession } from '../context.ts';
import { usePage } from '../page.ts';

/** The API said 403: say, in words, that this person may not use this view, and what they can do. */
export function Forbidden({ error, what }: { error: ApiError; what: string }) {
  const { user } = useSession();
  usePage('You cannot use this page');
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds-from-desktop">
        <h1 className="govuk-heading-l">You cannot use this page</h1>
        <p className="govuk-body">
          {user ? `You are signed in as ${user.username}, who may not ${what}.` : `You may not ${what}.`}
        </p>
        <p className="govuk-body">The council’s systems said: “{error.message}”</p>
        <p className="govuk-body">
          If you need it for your work, ask your manager to add you to the right group. If you signed in as the wrong person, sign out and
          sign in again.
        </p>
      </div>
    </div>
  );
}
