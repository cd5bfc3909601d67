// Open311 GeoReport v2 on top of the routing layer: a report is a Contact for the service the
// client chose (acceptContact opens the case and queues the hand-off); service requests are cases
// read back by reference or, for a date range, from the byDay index one day at a time.
import type { Case } from '#domain/case';
import type { Contact } from '#domain/contact';
import type { Catalogue } from '#domain/catalogue';
import {
  contactFromSubmission,
  daysOf,
  isListed,
  isOfferedOverOpen311,
  MAX_RESULTS,
  offeredService,
  open311RequestOf,
  Open311Error,
  providerIdOf,
  readRequestQuery,
  readSubmission,
  sameKey,
  samePlace,
  type Open311Request,
  type Open311Status,
} from './georeport.ts';
import { normaliseReference } from '#domain/reference';
import { acceptContact, type ContactDeps, type ContactStore } from '#app/contacts';

export interface CasesOpenedOnQuery {
  /** ISO instants (UTC), inclusive. */
  from: string;
  to: string;
  /** Only cases of these services. */
  serviceIds: readonly string[];
  status?: Open311Status;
  limit: number;
}

export interface Open311Store {
  /** The cases that exist among these references, in the order asked. */
  casesByReference(references: readonly string[]): Promise<Case[]>;
  /** Cases opened on one UTC day (YYYY-MM-DD) within the window, newest first: one byDay query. */
  casesOpenedOn(day: string, query: CasesOpenedOnQuery): Promise<Case[]>;
}

export interface Open311Deps {
  contacts: ContactDeps;
  store: Open311Store;
  /** The API keys allowed to POST (the OPEN311_API_KEYS secret). */
  apiKeys: () => Promise<string[]>;
  newId: () => string;
}

export interface CreatedRequest {
  service_request_id: string;
  service_notice: string;
}

/** Days queried at once; the newest come first, and querying stops at MAX_RESULTS. */
const DAYS_IN_PARALLEL = 7;

/**
 * POST requests: checks the API key, reads the form, and hands the report to the routing layer.
 * A retry with the same attribute[fixmystreet_id] (or Idempotency-Key) gets the first answer.
 */
export async function createServiceRequest(
  form: URLSearchParams,
  meta: { apiKeyInQuery?: string; idempotencyKey?: string },
  deps: Open311Deps,
): Promise<CreatedRequest[]> {
  const { catalogue, clock } = deps.contacts;
  const apiKey = form.get('api_key')?.trim() || meta.apiKeyInQuery?.trim();
  if (!apiKey) throw new Open311Error(403, 'api_key is required to post a request; ask the council for one');
  const allowed = await deps.apiKeys();
  if (!allowed.some((key) => sameKey(apiKey, key))) throw new Open311Error(403, 'api_key is not one we issued');

  const submission = readSubmission(form);
  const service = offeredService(submission.serviceCode, catalogue);
  const id = deps.newId();
  const contact = contactFromSubmission(submission, service, {
    id,
    providerId: providerIdOf(submission, meta.idempotencyKey) ?? id,
    receivedAt: clock.now().toISOString(),
  });
  const outcome = await acceptContact(contact, {
    ...deps.contacts,
    store: linkingOnlyAtTheSamePlace(deps.contacts.store, contact, catalogue),
  });
  // A chosen hand-off service always opens (or links to) a case; anything else is not a request.
  if (!outcome.reference) throw new Open311Error(400, `no service request was opened: ${outcome.message}`);
  return [{ service_request_id: outcome.reference, service_notice: outcome.message }];
}

/**
 * The routing layer links a resident's contact to their open case of the same service (a repeat
 * contact). A report is about a place: it is linked only to an open case at the same place.
 */
function linkingOnlyAtTheSamePlace(store: ContactStore, report: Contact, catalogue: Catalogue): ContactStore {
  return {
    findOutcome: (channel, providerId) => store.findOutcome(channel, providerId),
    getCase: (reference) => store.getCase(reference),
    openCasesOf: async (customerKey) => (await store.openCasesOf(customerKey)).filter((c) => samePlace(report, c, catalogue)),
    record: (record) => store.record(record),
  };
}

/** GET requests: by service_request_id, or by date range (newest first, at most 1000). */
export async function findServiceRequests(
  params: Record<string, string | undefined>,
  deps: Pick<Open311Deps, 'contacts' | 'store'>,
): Promise<Open311Request[]> {
  const { catalogue, clock } = deps.contacts;
  const query = readRequestQuery(params, clock.now());
  if (query.kind === 'ids') {
    const cases = query.references.length ? await deps.store.casesByReference(query.references) : [];
    return cases.filter((c) => isListed(c, catalogue)).map((c) => open311RequestOf(c, catalogue));
  }

  const serviceIds = query.serviceCode
    ? [offeredService(query.serviceCode, catalogue).id]
    : catalogue.services.filter(isOfferedOverOpen311).map((s) => s.id);
  const found: Case[] = [];
  const days = daysOf(query.from, query.to);
  for (let i = 0; i < days.length && found.length < MAX_RESULTS; i += DAYS_IN_PARALLEL) {
    const limit = MAX_RESULTS - found.length;
    const window = {
      from: query.from.toISOString(),
      to: query.to.toISOString(),
      serviceIds,
      ...(query.status ? { status: query.status } : {}),
      limit,
    };
    const batches = await Promise.all(days.slice(i, i + DAYS_IN_PARALLEL).map((day) => deps.store.casesOpenedOn(day, window)));
    found.push(...batches.flat().slice(0, limit));
  }
  return found.filter((c) => isListed(c, catalogue)).map((c) => open311RequestOf(c, catalogue));
}

/** GET requests/{id}: one service request, as a list of one (as the GeoReport v2 wiki has it). */
export async function getServiceRequest(id: string, deps: Pick<Open311Deps, 'contacts' | 'store'>): Promise<Open311Request[]> {
  const kase = await findListedCase(id, deps);
  return [open311RequestOf(kase, deps.contacts.catalogue)];
}

/**
 * GET tokens/{token}: POST answers with the service_request_id itself, never a token, so the only
 * tokens are those ids; a client that asks with one gets it back.
 */
export async function serviceRequestForToken(
  token: string,
  deps: Pick<Open311Deps, 'contacts' | 'store'>,
): Promise<Array<{ token: string; service_request_id: string }>> {
  const kase = await findListedCase(token, deps);
  return [{ token, service_request_id: kase.reference }];
}

async function findListedCase(id: string, deps: Pick<Open311Deps, 'contacts' | 'store'>): Promise<Case> {
  const reference = normaliseReference(id);
  const [kase] = reference ? await deps.store.casesByReference([reference]) : [];
  if (!kase || !isListed(kase, deps.contacts.catalogue)) {
    throw new Open311Error(404, `there is no service request '${id.slice(0, 40)}'; ids look like K7MD-Q9PX`);
  }
  return kase;
}
