// PLACEHOLDER (issue 10 in progress): replaced by the real view before the issue closes.
import { usePage } from '../page.ts';

export default function Demand() {
  usePage('Demand');
  return <h1 className="govuk-heading-l">Demand</h1>;
}
