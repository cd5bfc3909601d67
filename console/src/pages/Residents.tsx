// Find a resident by phone number (any spelling), email, name or case reference.
import { useEffect, useState, type FormEvent } from 'react';
import { Link, useLocation, useSearch } from 'wouter';
import { errorInWords, ForbiddenError } from '../api.ts';
import type { ResidentMatch } from '../api-types.ts';
import { Button, ErrorSummary } from '../components/govuk.tsx';
import { Forbidden } from '../components/Forbidden.tsx';
import { SortableTable } from '../components/moj.tsx';
import { formatDateTime, residentLabel } from '../format.ts';
import { usePage } from '../page.ts';
import { useResidentSearch } from '../queries.ts';

const KIND_WORDS = { phone: 'phone number', email: 'email address', reference: 'case reference', name: 'name' } as const;

export default function Residents() {
  const params = new URLSearchParams(useSearch());
  const q = params.get('q') ?? '';
  const [, navigate] = useLocation();
  const [typed, setTyped] = useState(q);
  const [problem, setProblem] = useState('');
  useEffect(() => setTyped(q), [q]);
  const search = useResidentSearch(q);
  usePage(q ? `Residents matching ${q}` : 'Find a resident');

  if (search.error instanceof ForbiddenError) return <Forbidden error={search.error} what="look up residents" />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const query = typed.trim();
    if (!query) {
      setProblem('Enter a phone number, email address, name or case reference');
      return;
    }
    setProblem('');
    navigate(`/residents?q=${encodeURIComponent(query)}`);
  };

  const found = search.data;
  return (
    <>
      <h1 className="govuk-heading-l">Find a resident</h1>
      <ErrorSummary errors={problem ? [{ field: 'resident-search', message: problem }] : []} />
      <form onSubmit={submit} role="search" className="app-search" noValidate>
        <div className={`govuk-form-group${problem ? ' govuk-form-group--error' : ''}`}>
          <label className="govuk-label govuk-label--s" htmlFor="resident-search">
            Phone number, email address, name or case reference
          </label>
          <div id="resident-search-hint" className="govuk-hint">
            Any spelling of a phone number works, like 07700 900123 or +44 7700 900123
          </div>
          {problem && (
            <p id="resident-search-error" className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {problem}
            </p>
          )}
          <div className="app-search__row">
            <input
              className={`govuk-input govuk-!-width-one-half${problem ? ' govuk-input--error' : ''}`}
              id="resident-search"
              name="q"
              type="search"
              autoComplete="off"
              spellCheck={false}
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
              aria-describedby={`resident-search-hint${problem ? ' resident-search-error' : ''}`}
            />
            <Button className="app-search__button">Search</Button>
          </div>
        </div>
      </form>

      <div role="status" className="govuk-body">
        {q && search.isFetching && !found && 'Searching…'}
        {found && q === found.query && (
          <>
            {found.residents.length === 0 ? `No residents found for the ${KIND_WORDS[found.kind]} “${found.query}”.` : `${found.residents.length} ${found.residents.length === 1 ? 'resident' : 'residents'} found by ${KIND_WORDS[found.kind]}.`}
          </>
        )}
      </div>
      {search.error && <ErrorSummary errors={[{ field: '', message: errorInWords(search.error) }]} title="The search did not work" />}

      {found?.case && (
        <p className="govuk-body">
          Case <Link className="govuk-link" href={`/cases/${encodeURIComponent(found.case.reference)}`}>{found.case.reference}</Link>
          {found.residents.length === 0 && ' has no resident recorded (it was reported anonymously).'}
        </p>
      )}

      {found && found.residents.length > 0 && (
        <SortableTable<ResidentMatch>
          caption="Residents"
          rows={found.residents}
          rowKey={(r) => r.key}
          initialSort={{ key: 'last', direction: 'descending' }}
          columns={[
            {
              key: 'name',
              heading: 'Name',
              render: (r) => <Link className="govuk-link" href={`/residents/${encodeURIComponent(r.key)}`}>{residentLabel(r)}</Link>,
              sortValue: (r) => r.name ?? '',
            },
            { key: 'phone', heading: 'Phone', render: (r) => r.phone ?? '', sortValue: (r) => r.phone ?? '' },
            { key: 'email', heading: 'Email', render: (r) => <span className="app-break-words">{r.email ?? ''}</span>, sortValue: (r) => r.email ?? '' },
            { key: 'last', heading: 'Last contact', render: (r) => formatDateTime(r.lastContactAt), sortValue: (r) => r.lastContactAt },
            { key: 'contacts', heading: 'Contacts', render: (r) => r.contacts, sortValue: (r) => r.contacts, numeric: true },
          ]}
        />
      )}
    </>
  );
}
