// PLACEHOLDER (issue 10 in progress): replaced by the real view before the issue closes.
import { usePage } from '../page.ts';

export default function ServiceLevels() {
  usePage('Service levels');
  return <h1 className="govuk-heading-l">Service levels</h1>;
}
