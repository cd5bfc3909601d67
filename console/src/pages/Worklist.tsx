// PLACEHOLDER (issue 10 in progress): replaced by the real view before the issue closes.
import { usePage } from '../page.ts';

export default function Worklist() {
  usePage('Your team’s worklist');
  return <h1 className="govuk-heading-l">Your team’s worklist</h1>;
}
