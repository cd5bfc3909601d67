// New contact, the adviser's default page: a walk-in or a phone call, the resident's details, what
// they need with the routing suggestion as the adviser types, the service (the suggestion unless
// the adviser picks another, with a reason), the details that service needs, the answer to read out
// or the hand-off; then the confirmation with the reference and the commitment to read back.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link } from 'wouter';
import { api, ApiError, errorInWords, ForbiddenError, type FieldProblem } from '../api.ts';
import type { ContactOutcome, FailureKind, NewContact as NewContactBody, RequiredDetail, ServiceOption, Suggestion, TextConfirmation } from '../api-types.ts';
import { FAILURE_KIND_WORDS, FAILURE_KINDS } from '../failure-demand.ts';
import {
  Button,
  ButtonGroup,
  Details,
  ErrorSummary,
  InsetText,
  Panel,
  Radios,
  Select,
  SummaryList,
  Tag,
  Textarea,
  TextInput,
  WarningText,
  NotificationBanner,
  type FieldError,
} from '../components/govuk.tsx';
import { Forbidden } from '../components/Forbidden.tsx';
import { useDraft } from '../drafts.ts';
import { decisionColour, decisionName } from '../format.ts';
import { useDebounced } from '../hooks.ts';
import { requestFocus, usePage } from '../page.ts';
import { useServices } from '../queries.ts';
import { lastCentre, rememberCentre } from '../settings.ts';
import { NEW_CONTACT_EVENT } from '../shortcuts.ts';

interface ContactDraft {
  channel: '' | 'face_to_face' | 'phone';
  centre: string;
  name: string;
  phone: string;
  email: string;
  address: string;
  description: string;
  /** The service the adviser picked; '' while they take the suggestion. */
  service: string;
  overrideReason: string;
  /** '' = as the service does it (answered now, or handed off). */
  handling: '' | 'resolved' | 'handoff';
  resolvedNote: string;
  details: Record<string, string>;
  /** What the adviser heard: '' = not failure demand (or not that they heard). */
  failureDemand?: '' | FailureKind;
  /** One per contact, so a retry (or a second press) records it once. */
  idempotencyKey: string;
}

const DRAFT_KEY = 'new-contact';

const emptyDraft = (): ContactDraft => ({
  channel: '',
  centre: lastCentre(),
  name: '',
  phone: '',
  email: '',
  address: '',
  description: '',
  service: '',
  overrideReason: '',
  handling: '',
  resolvedNote: '',
  details: {},
  idempotencyKey: crypto.randomUUID(),
});

const UNSURE = new Set(['ask', 'adviser']);
/** What routing suggests, before anything is done. */
const SUGGESTED: Record<string, string> = { resolve: 'Resolve now', handoff: 'Hand off', ask: 'Unsure', adviser: 'Needs an adviser', emergency: 'Emergency' };
const MIN_DESCRIPTION = 3;

/** Loose checks, so a typo is caught here; the API judges the spelling for real. */
const looksLikePhone = (value: string) => /^\+?[\d\s().-]{10,20}$/.test(value.trim()) && value.replace(/\D/g, '').length >= 10;
const looksLikeEmail = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value.trim());

function detailLabel(detail: RequiredDetail): string {
  return detail.label ?? detail.question ?? detail.id;
}

function detailOptions(detail: RequiredDetail): Array<{ value: string; label: string }> {
  return (detail.options ?? []).map((option) => (typeof option === 'string' ? { value: option, label: option[0]!.toUpperCase() + option.slice(1) } : option));
}

/** API problem fields (e.g. resident.phone) to this form's field ids. */
function fieldIdOf(problem: FieldProblem): string {
  const field = problem.field.replace(/^resident\./, '');
  if (field.startsWith('details.')) return `detail-${field.slice('details.'.length)}`;
  return ['channel', 'centre', 'description', 'service', 'overrideReason', 'resolvedNote', 'name', 'phone', 'email', 'address', 'failureDemand'].includes(field)
    ? field
    : '';
}

const FIELD_NAMES: Record<string, string> = {
  channel: 'How they contacted you',
  centre: 'Customer Service Centre',
  description: 'What they need',
  service: 'Service',
  overrideReason: 'Why another service',
  resolvedNote: 'What you did',
  name: 'Name',
  phone: 'Phone number',
  email: 'Email address',
  address: 'Address',
  failureDemand: 'Failure demand',
};

export function NewContact() {
  const [draft, update, discard] = useDraft<ContactDraft>(DRAFT_KEY, emptyDraft);
  const [recorded, setRecorded] = useState<{ outcome: ContactOutcome; phone: string } | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const services = useServices();

  usePage(recorded ? 'Contact recorded' : 'New contact');

  // "n" on the confirmation: a fresh form.
  useEffect(() => {
    const fresh = () => {
      setRecorded(null);
      setErrors([]);
      requestFocus('#main-content h1');
    };
    window.addEventListener(NEW_CONTACT_EVENT, fresh);
    return () => window.removeEventListener(NEW_CONTACT_EVENT, fresh);
  }, []);

  // The routing suggestion, as the adviser types (about 300 ms after they pause).
  const described = useDebounced(draft.description.trim(), 300);
  const suggestionQuery = useQuery({
    queryKey: ['route', described],
    queryFn: ({ signal }) => api<Suggestion>('/api/console/route', { method: 'POST', body: { description: described }, signal }),
    enabled: described.length >= MIN_DESCRIPTION && !recorded,
    staleTime: Infinity,
    placeholderData: (previous) => previous,
  });
  const suggestion = described.length >= MIN_DESCRIPTION ? suggestionQuery.data : undefined;

  const servicesById = useMemo(() => new Map((services.data ?? []).map((s) => [s.id, s])), [services.data]);
  const suggestedId = suggestion && !UNSURE.has(suggestion.decision) ? suggestion.service.id : '';
  const serviceId = draft.service || suggestedId;
  const service: ServiceOption | undefined = servicesById.get(serviceId);
  const overriding = Boolean(draft.service && suggestion && draft.service !== suggestion.service.id && !UNSURE.has(suggestion.decision));
  const handsOff = service ? !service.resolvable : false;
  const handling = draft.handling || (handsOff ? 'handoff' : 'resolved');
  const resolvingHandOff = handsOff && handling === 'resolved';

  const record = useMutation({
    mutationFn: (body: NewContactBody) =>
      api<{ suggestion: Suggestion; outcome: ContactOutcome }>('/api/console/contacts', {
        method: 'POST',
        body,
        headers: { 'idempotency-key': draft.idempotencyKey },
      }),
    onSuccess: (answer, body) => {
      rememberCentre(draft.centre);
      discard();
      setErrors([]);
      setRecorded({ outcome: answer.outcome, phone: body.resident?.phone ?? '' });
      requestFocus('#main-content h1');
    },
    onError: (error) => {
      const problems = error instanceof ApiError ? error.problems : [];
      setErrors(
        problems.length
          ? problems.map((p) => ({ field: fieldIdOf(p), message: `${FIELD_NAMES[fieldIdOf(p)] ?? 'The form'} ${p.message}` }))
          : [{ field: '', message: errorInWords(error) }],
      );
    },
  });

  if (services.error instanceof ForbiddenError) return <Forbidden error={services.error} what="record contacts" />;
  if (recorded) {
    const another = () => {
      requestFocus('#main-content h1');
      setRecorded(null);
    };
    return <Confirmation outcome={recorded.outcome} phone={recorded.phone} onAnother={another} />;
  }

  const errorFor = (field: string) => errors.find((e) => e.field === field)?.message;

  function validate(): FieldError[] {
    const found: FieldError[] = [];
    if (!draft.channel) found.push({ field: 'channel', message: 'Choose how the resident contacted you: face to face or phone' });
    if (draft.channel === 'face_to_face' && !draft.centre.trim()) found.push({ field: 'centre', message: 'Enter the Customer Service Centre the resident came to' });
    if (draft.phone.trim() && !looksLikePhone(draft.phone)) found.push({ field: 'phone', message: 'Enter a UK phone number, like 07700 900123' });
    if (draft.email.trim() && !looksLikeEmail(draft.email)) found.push({ field: 'email', message: 'Enter an email address, like name@example.com' });
    if (draft.description.trim().length < MIN_DESCRIPTION) found.push({ field: 'description', message: 'Enter what the resident needs, in their words' });
    if (!serviceId) found.push({ field: 'service', message: 'Choose the service this contact is for' });
    if (overriding && handling !== 'resolved' && !draft.overrideReason.trim()) {
      found.push({ field: 'overrideReason', message: 'Say why you chose a different service from the suggestion' });
    }
    if (resolvingHandOff && !draft.resolvedNote.trim()) found.push({ field: 'resolvedNote', message: 'Say what you did to resolve it' });
    for (const detail of service?.requiredDetails ?? []) {
      const fallback = detail.kind === 'location' ? draft.address : '';
      if (detail.required && !(draft.details[detail.id] ?? fallback).trim() && !resolvingHandOff) {
        const question = detailLabel(detail);
        found.push({ field: `detail-${detail.id}`, message: detail.kind === 'choice' ? `Choose an answer to “${question}”` : `Answer “${question}”` });
      }
    }
    return found;
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (record.isPending) return;
    const found = validate();
    setErrors(found);
    if (found.length) return;
    const resident = Object.fromEntries(
      (['name', 'phone', 'email', 'address'] as const).flatMap((field) => (draft[field].trim() ? [[field, draft[field].trim()]] : [])),
    );
    const details = Object.fromEntries(
      (service?.requiredDetails ?? []).flatMap((detail) => {
        const value = (draft.details[detail.id] ?? (detail.kind === 'location' ? draft.address : '')).trim();
        return value ? [[detail.id, value]] : [];
      }),
    );
    const body: NewContactBody = {
      channel: draft.channel as 'face_to_face' | 'phone',
      ...(draft.channel === 'face_to_face' && draft.centre.trim() ? { centre: draft.centre.trim() } : {}),
      description: draft.description.trim(),
      ...(serviceId ? { service: serviceId } : {}),
      ...(overriding && draft.overrideReason.trim() ? { overrideReason: draft.overrideReason.trim() } : {}),
      ...(handling === 'resolved' && draft.resolvedNote.trim() ? { resolvedNote: draft.resolvedNote.trim() } : {}),
      ...(Object.keys(resident).length ? { resident } : {}),
      ...(Object.keys(details).length ? { details } : {}),
      ...(draft.failureDemand ? { failureDemand: draft.failureDemand } : {}),
    };
    record.mutate(body);
  }

  const serviceGroups = buildServiceGroups(services.data ?? [], suggestion);

  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds-from-desktop">
        <h1 className="govuk-heading-l">New contact</h1>
        <ErrorSummary errors={errors} />
        <form onSubmit={submit} noValidate>
          <Radios
            id="channel"
            legend="How did the resident contact you?"
            legendClass="govuk-fieldset__legend--m"
            error={errorFor('channel')}
            inline
            value={draft.channel}
            onChange={(channel) => update({ channel: channel as ContactDraft['channel'] })}
            items={[
              { value: 'face_to_face', label: 'Face to face' },
              { value: 'phone', label: 'Phone' },
            ]}
          />
          {draft.channel === 'face_to_face' && (
            <TextInput
              id="centre"
              label="Customer Service Centre"
              hint="Kept for your next contact"
              width="20"
              error={errorFor('centre')}
              value={draft.centre}
              onChange={(centre) => update({ centre })}
            />
          )}

          <h2 className="govuk-heading-m">The resident</h2>
          <p className="govuk-body govuk-hint">Optional, but a phone number or email links this contact to their history and lets us text them.</p>
          <div className="app-field-pair">
            <TextInput
              id="name"
              label="Name"
              autoComplete="off"
              spellCheck={false}
              error={errorFor('name')}
              value={draft.name}
              onChange={(name) => update({ name })}
            />
            <TextInput
              id="phone"
              label="Phone number"
              type="tel"
              inputMode="tel"
              autoComplete="off"
              error={errorFor('phone')}
              value={draft.phone}
              onChange={(phone) => update({ phone })}
            />
          </div>
          <div className="app-field-pair">
            <TextInput
              id="email"
              label="Email address"
              type="email"
              autoComplete="off"
              spellCheck={false}
              error={errorFor('email')}
              value={draft.email}
              onChange={(email) => update({ email })}
            />
            <TextInput
              id="address"
              label="Address or postcode"
              autoComplete="off"
              error={errorFor('address')}
              value={draft.address}
              onChange={(address) => update({ address })}
            />
          </div>

          <h2 className="govuk-heading-m">What they need</h2>
          <Textarea
            id="description"
            label="In the resident’s words"
            labelClass="govuk-label--s"
            hint="The suggestion below updates as you type"
            rows={4}
            error={errorFor('description')}
            value={draft.description}
            onChange={(description) => update({ description })}
            describedByExtra="suggestion"
          />

          <SuggestionPanel
            loading={described.length >= MIN_DESCRIPTION && suggestionQuery.isFetching && !suggestion}
            error={described.length >= MIN_DESCRIPTION && suggestionQuery.error ? errorInWords(suggestionQuery.error) : undefined}
            suggestion={suggestion}
            stale={suggestionQuery.isPlaceholderData || described !== draft.description.trim()}
          />

          <Select
            id="service"
            label="Service"
            labelClass="govuk-label--s"
            hint={suggestion && !UNSURE.has(suggestion.decision) ? 'The suggestion, unless you choose another' : 'Choose the service this is for'}
            error={errorFor('service')}
            value={serviceId}
            onChange={(chosen) => update({ service: chosen === suggestedId ? '' : chosen, handling: '' })}
            options={[{ value: '', label: services.isLoading ? 'Loading services…' : 'Choose a service' }]}
            groups={serviceGroups}
          />
          {services.error && <p className="govuk-error-message">{errorInWords(services.error)}</p>}

          {overriding && handling !== 'resolved' && (
            <Textarea
              id="overrideReason"
              label={`Why ${service?.name ?? 'this service'} and not ${suggestion?.service.name}?`}
              labelClass="govuk-label--s"
              rows={2}
              error={errorFor('overrideReason')}
              value={draft.overrideReason}
              onChange={(overrideReason) => update({ overrideReason })}
            />
          )}

          <Select
            id="failureDemand"
            label="Is the resident chasing, repeating, correcting or complaining about an earlier contact?"
            labelClass="govuk-label--s"
            hint="Failure demand: a contact only because something was not done, or not done right. A contact about a case already open is counted as a repeat without this."
            error={errorFor('failureDemand')}
            value={draft.failureDemand ?? ''}
            onChange={(failureDemand) => update({ failureDemand: failureDemand as ContactDraft['failureDemand'] })}
            options={[
              { value: '', label: 'No, or not that I heard' },
              ...FAILURE_KINDS.map((kind) => ({ value: kind, label: `Yes: ${FAILURE_KIND_WORDS[kind].meaning}` })),
            ]}
          />

          {service && (
            <ServiceDetails
              service={service}
              draft={draft}
              errorFor={errorFor}
              onChange={(id, value) => update((current) => ({ ...current, details: { ...current.details, [id]: value } }))}
            />
          )}

          {service && suggestion?.answer && serviceId === suggestion.service.id && (
            <div className="app-answer">
              <h2 className="govuk-heading-m">Read this to the resident</h2>
              <InsetText id="answer">{suggestion.answer}</InsetText>
            </div>
          )}

          {service && (
            <Radios
              id="handling"
              legend="How is it dealt with?"
              legendClass="govuk-fieldset__legend--m"
              value={handling}
              onChange={(value) => update({ handling: value as ContactDraft['handling'] })}
              items={[
                {
                  value: 'resolved',
                  label: 'Resolved there and then',
                  hint: handsOff ? 'You dealt with it: no case is opened' : 'Answered now: recorded as resolved at first contact',
                  conditional: (
                    <Textarea
                      id="resolvedNote"
                      label={handsOff ? 'What did you do?' : 'What did you do? (optional)'}
                      rows={2}
                      error={errorFor('resolvedNote')}
                      value={draft.resolvedNote}
                      onChange={(resolvedNote) => update({ resolvedNote })}
                    />
                  ),
                },
                ...(handsOff
                  ? [{ value: 'handoff', label: `Hand off to the team (${service.name})`, hint: 'A case is opened with a reference and a due time' }]
                  : []),
              ]}
            />
          )}

          <ButtonGroup>
            <Button disabled={record.isPending} aria-disabled={record.isPending}>
              {record.isPending ? 'Recording…' : 'Record contact'}
            </Button>
            <button
              type="button"
              className="govuk-button govuk-button--secondary"
              onClick={() => {
                discard();
                setErrors([]);
              }}
            >
              Clear the form
            </button>
          </ButtonGroup>
        </form>
      </div>
    </div>
  );
}

function buildServiceGroups(services: ServiceOption[], suggestion: Suggestion | undefined) {
  const suggested = suggestion
    ? [suggestion.service.id, ...suggestion.options.map((o) => o.serviceId)].filter((id, i, all) => all.indexOf(id) === i)
    : [];
  const byId = new Map(services.map((s) => [s.id, s]));
  const groups: Array<{ label: string; options: Array<{ value: string; label: string }> }> = [];
  const suggestedOptions = suggested.flatMap((id) => {
    const s = byId.get(id);
    return s ? [{ value: s.id, label: s.name }] : [];
  });
  if (suggestedOptions.length) groups.push({ label: 'Suggested', options: suggestedOptions });
  groups.push({
    label: 'All services',
    options: [...services].sort((a, b) => a.name.localeCompare(b.name, 'en-GB')).map((s) => ({ value: s.id, label: s.name })),
  });
  return groups;
}

function SuggestionPanel({ loading, error, suggestion, stale }: { loading: boolean; error?: string | undefined; suggestion?: Suggestion | undefined; stale: boolean }) {
  // A polite region: it speaks when the suggestion changes, not while the adviser types.
  return (
    <div className="app-suggestion" id="suggestion" aria-live="polite" aria-busy={loading || stale}>
      {!suggestion && !loading && !error && <p className="govuk-body govuk-hint govuk-!-margin-bottom-0">The routing suggestion appears here as you type.</p>}
      {loading && <p className="govuk-body govuk-!-margin-bottom-0">Working out the service…</p>}
      {error && <p className="govuk-error-message govuk-!-margin-bottom-0">{error}</p>}
      {suggestion && (
        <>
          <h2 className="govuk-heading-s govuk-!-margin-bottom-2">
            Suggestion: {suggestion.service.name}{' '}
            <Tag colour={decisionColour(suggestion.decision)}>{SUGGESTED[suggestion.decision] ?? decisionName(suggestion.decision)}</Tag>
          </h2>
          {suggestion.decision === 'emergency' && (
            <WarningText>This sounds like an emergency. Give the advice below first, then record it: an urgent case is opened.</WarningText>
          )}
          {UNSURE.has(suggestion.decision) && (
            <p className="govuk-body govuk-!-margin-bottom-2">Routing is not sure. Choose the service below{suggestion.options.length ? '; the closest are listed first' : ''}.</p>
          )}
          <p className="govuk-body-s govuk-!-margin-bottom-1">{Math.round(suggestion.confidence * 100)}% sure.</p>
          {suggestion.explanation.length > 0 && (
            <Details summary="Why this suggestion">
              <ul className="govuk-list govuk-list--bullet govuk-!-margin-bottom-0">
                {suggestion.explanation.map((line, i) => (
                  <li key={i}>{line}</li>
                ))}
              </ul>
            </Details>
          )}
          {suggestion.options.length > 0 && (
            <p className="govuk-body-s govuk-!-margin-bottom-0">
              Also possible: {suggestion.options.filter((o) => o.serviceId !== suggestion.service.id).map((o) => `${o.name} (${Math.round(o.confidence * 100)}%)`).join(', ') || 'none'}
            </p>
          )}
        </>
      )}
    </div>
  );
}

function ServiceDetails({
  service,
  draft,
  errorFor,
  onChange,
}: {
  service: ServiceOption;
  draft: ContactDraft;
  errorFor: (field: string) => string | undefined;
  onChange: (id: string, value: string) => void;
}) {
  if (!service.requiredDetails.length) return null;
  return (
    <div className="app-details">
      <h2 className="govuk-heading-m">What {service.name.toLowerCase()} needs</h2>
      {service.requiredDetails.map((detail) => {
        const id = `detail-${detail.id}`;
        const label = `${detailLabel(detail)}${detail.required ? '' : ' (optional)'}`;
        const value = draft.details[detail.id] ?? (detail.kind === 'location' ? draft.address : '');
        const options = detailOptions(detail);
        if (detail.kind === 'choice' && options.length) {
          return (
            <Radios
              key={detail.id}
              id={id}
              legend={label}
              small
              error={errorFor(id)}
              value={value}
              onChange={(v) => onChange(detail.id, v)}
              items={options.map((o) => ({ value: o.value, label: o.label }))}
            />
          );
        }
        return (
          <TextInput
            key={detail.id}
            id={id}
            label={label}
            labelClass="govuk-label--s"
            type={detail.kind === 'date' ? 'date' : 'text'}
            width={detail.kind === 'date' ? '10' : detail.kind === 'reference' ? '10' : undefined}
            error={errorFor(id)}
            value={value}
            onChange={(v) => onChange(detail.id, v)}
          />
        );
      })}
    </div>
  );
}

function Confirmation({ outcome, phone, onAnother }: { outcome: ContactOutcome; phone: string; onAnother: () => void }) {
  const text = useMutation({
    mutationFn: () => api<TextConfirmation>(`/api/console/cases/${encodeURIComponent(outcome.reference!)}/text-confirmation`, { method: 'POST', body: {} }),
  });
  const title = outcome.reference ? (outcome.repeatOf ? 'Linked to their open case' : 'Case opened') : outcome.firstContactResolved ? 'Resolved at first contact' : 'Contact recorded';
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds-from-desktop">
        <Panel title={title}>
          {outcome.reference ? (
            <>
              Reference
              <br />
              <strong className="app-reference" data-testid="reference">
                {outcome.reference}
              </strong>
            </>
          ) : (
            outcome.service.name
          )}
        </Panel>

        <h2 className="govuk-heading-m govuk-!-margin-top-6">Read this to the resident</h2>
        <InsetText id="read-out">{outcome.message}</InsetText>

        <SummaryList
          rows={[
            { key: 'Service', value: outcome.service.name },
            ...(outcome.reference ? [{ key: 'Reference', value: <Link className="govuk-link" href={`/cases/${encodeURIComponent(outcome.reference)}`}>{outcome.reference}</Link> }] : []),
            ...(outcome.commitment ? [{ key: 'Commitment', value: <span data-testid="commitment">{outcome.commitment}</span> }] : []),
            ...(outcome.repeatOf ? [{ key: 'Repeat of', value: `An open case (${outcome.repeatOf}): counted as a repeat contact` }] : []),
            { key: 'Outcome', value: <Tag colour={decisionColour(outcome.decision)}>{decisionName(outcome.decision)}</Tag> },
          ]}
        />

        {outcome.reference && (
          <>
            <h2 className="govuk-heading-m">Text it to them</h2>
            {text.isSuccess ? (
              <NotificationBanner success title="Text sent" heading={`The reference and commitment are on their way to ${text.data.sentTo}.`} />
            ) : (
              <>
                <p className="govuk-body">
                  {phone ? 'Offer to text the reference and the commitment to the number they gave.' : 'Texting needs a phone number on the case.'}
                </p>
                {text.error && (
                  <ErrorSummary errors={[{ field: '', message: errorInWords(text.error) }]} title="The text was not sent" />
                )}
                <Button variant="secondary" type="button" disabled={text.isPending} onClick={() => text.mutate()}>
                  {text.isPending ? 'Sending…' : 'Text the reference to the resident'}
                </Button>
              </>
            )}
          </>
        )}

        <ButtonGroup>
          <Button type="button" onClick={onAnother}>
            Record another contact
          </Button>
          {outcome.reference && (
            <Link className="govuk-link" href={`/cases/${encodeURIComponent(outcome.reference)}`}>
              Open the case
            </Link>
          )}
        </ButtonGroup>
      </div>
    </div>
  );
}
