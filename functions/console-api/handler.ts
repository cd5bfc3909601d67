// The console API. Every route needs a person's access token (people's sign-in: Cognito on AWS, the
// fake Cognito locally) and checks their group: advisers or managers on the adviser routes (the
// service levels too), managers on the measures and the demand analysis; /me any signed-in person; a service team's members
// too on their worklist, the services, a case and the team's actions, where the route then checks
// which team's; presence on a case anyone who may open that case.
import { HttpError, httpHandler, idempotencyKeyOf, json, parseJsonBody, type HttpEvent } from '#adapters/http';
import { consoleDemand, consoleMeasures } from '#adapters/measures-wiring';
import { lookersOfCases, presenceDeps } from '#adapters/presence-wiring';
import { consoleServiceLevels } from '#adapters/service-level-wiring';
import { peopleVerifierFromEnv, requireGroup, type Person } from '#adapters/people-auth';
import { AdviserActionRequestSchema, CaseActionRequestSchema } from '#app/case-requests';
import { CaseNotFoundError, IdempotencyKeyReusedError, StaleCaseError } from '#app/cases';
import { ContactNotFoundError, FailureDemandRequestSchema, markFailureDemand } from '#app/failure-demand';
import { contactFeed, FEED_LIMITS } from '#app/feed';
import { findResidents, ResidentNotFoundError, ResidentQueryError, residentTimeline } from '#app/residents';
import { ADVISER_ROUTES, MANAGER_ROUTES, NotYourTeamsCaseError, rolesOf } from '#channels/adviser/access';
import { actAsAdviser, OptedOutError, textConfirmation } from '#channels/adviser/cases';
import { actAsTeamMember, caseForPerson, NotInTeamError, worklistForMember, WorklistQueryError } from '#channels/adviser/team-cases';
import {
  ConsoleContactSchema,
  ConsoleInputError,
  keyedProviderId,
  recordAdviserContact,
  RoutePreviewSchema,
  servicesForAdvisers,
  suggestRoute,
} from '#channels/adviser/contacts';
import { leaveCase, lookAtCase, withOthersLooking } from '#channels/adviser/presence';
import { adviserCaseDeps, contactDeps, failureDemandDeps, feedDeps, residentDeps } from '#channels/adviser/wiring';
import { CaseActionError } from '#domain/case-lifecycle';
import { normaliseReference } from '#domain/reference';
import { UnknownServiceError } from '#domain/routing';

/** Advisers, managers and the members of any service team: the route itself checks which case or team. */
const ADVISERS_OR_TEAMS = 'advisers-or-teams';

interface ConsoleRoute {
  /** The groups admitted; 'anyone' is any signed-in person. */
  who: readonly string[] | 'anyone' | typeof ADVISERS_OR_TEAMS;
  status?: number;
  run(event: HttpEvent, person: Person): Promise<unknown> | unknown;
}

function referenceOf(event: HttpEvent): string {
  const reference = normaliseReference(event.pathParameters?.reference ?? '');
  if (!reference) throw new HttpError(404, `'${event.pathParameters?.reference ?? ''}' is not a case reference`);
  return reference;
}

/** A resident's key from the path: API Gateway decodes it; a key still encoded (%23 for #) is decoded here. */
function residentKeyOf(event: HttpEvent): string {
  const raw = event.pathParameters?.key ?? '';
  if (!/%[0-9a-f]{2}/i.test(raw)) return raw;
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function feedLimitOf(event: HttpEvent): number {
  const given = event.queryStringParameters?.limit;
  if (given === undefined || given === '') return FEED_LIMITS.default;
  const limit = Number(given);
  if (!Number.isInteger(limit) || limit < 1 || limit > FEED_LIMITS.max) {
    throw new HttpError(400, `'limit' must be a whole number from 1 to ${FEED_LIMITS.max} (got '${given}')`);
  }
  return limit;
}

const routes: Record<string, ConsoleRoute> = {
  'GET /api/console/me': {
    who: 'anyone',
    run: (_event, person) => ({ username: person.username, groups: person.groups, roles: rolesOf(person.groups, contactDeps.catalogue) }),
  },
  'GET /api/console/services': { who: ADVISERS_OR_TEAMS, run: () => ({ services: servicesForAdvisers(contactDeps.catalogue) }) },
  'POST /api/console/route': {
    who: ADVISER_ROUTES,
    run: (event) => suggestRoute(parseJsonBody(event, RoutePreviewSchema).description, contactDeps),
  },
  'POST /api/console/contacts': {
    who: ADVISER_ROUTES,
    status: 201,
    run: (event, person) => {
      const input = parseJsonBody(event, ConsoleContactSchema);
      const id = adviserCaseDeps.newId();
      const key = idempotencyKeyOf(event);
      const providerId = key === undefined ? id : keyedProviderId.contact(key);
      return recordAdviserContact(input, { adviserId: person.username, id, providerId, receivedAt: contactDeps.clock.now().toISOString() }, contactDeps);
    },
  },
  'PUT /api/console/contacts/failure-demand': {
    who: ADVISER_ROUTES,
    run: (event, person) => markFailureDemand(parseJsonBody(event, FailureDemandRequestSchema), person.username, failureDemandDeps),
  },
  'GET /api/console/residents': { who: ADVISER_ROUTES, run: (event) => findResidents(event.queryStringParameters?.q ?? '', residentDeps) },
  'GET /api/console/residents/{key}/timeline': { who: ADVISER_ROUTES, run: (event) => residentTimeline(residentKeyOf(event), residentDeps) },
  'GET /api/console/cases/{reference}': {
    who: ADVISERS_OR_TEAMS,
    run: (event, person) =>
      withOthersLooking(caseForPerson(referenceOf(event), rolesOf(person.groups, contactDeps.catalogue), adviserCaseDeps.cases), referenceOf(event), person, {
        presence: presenceDeps,
      }),
  },
  // Who else is looking: a heartbeat from anyone who may open the case (checked against the case's team), and leaving it.
  'PUT /api/console/cases/{reference}/presence': {
    who: 'anyone',
    run: (event, person) => lookAtCase(referenceOf(event), person, { cases: adviserCaseDeps.cases, presence: presenceDeps }),
  },
  'DELETE /api/console/cases/{reference}/presence': {
    who: 'anyone',
    status: 204,
    run: (event, person) => leaveCase(referenceOf(event), person, { presence: presenceDeps }),
  },
  'POST /api/console/cases/{reference}/actions': {
    who: ADVISER_ROUTES,
    run: (event, person) => {
      const reference = referenceOf(event);
      const request = parseJsonBody(event, AdviserActionRequestSchema);
      const idempotencyKey = idempotencyKeyOf(event);
      return actAsAdviser(reference, request, { by: person.username, ...(idempotencyKey ? { idempotencyKey } : {}) }, adviserCaseDeps);
    },
  },
  'POST /api/console/cases/{reference}/team-actions': {
    who: ADVISERS_OR_TEAMS,
    run: (event, person) =>
      actAsTeamMember(
        referenceOf(event),
        parseJsonBody(event, CaseActionRequestSchema),
        { username: person.username, roles: rolesOf(person.groups, contactDeps.catalogue) },
        adviserCaseDeps.cases,
      ),
  },
  'GET /api/console/worklist': {
    who: ADVISERS_OR_TEAMS,
    run: (event, person) =>
      worklistForMember(
        event.queryStringParameters?.team,
        { username: person.username, roles: rolesOf(person.groups, contactDeps.catalogue) },
        { ...adviserCaseDeps.cases, lookersOf: lookersOfCases },
      ),
  },
  'POST /api/console/cases/{reference}/text-confirmation': {
    who: ADVISER_ROUTES,
    status: 202,
    run: (event) => textConfirmation(referenceOf(event), adviserCaseDeps),
  },
  'GET /api/console/feed': { who: ADVISER_ROUTES, run: (event) => contactFeed(feedLimitOf(event), feedDeps) },
  'GET /api/console/measures': { who: MANAGER_ROUTES, run: (event) => consoleMeasures(event.queryStringParameters ?? {}) },
  'GET /api/console/service-levels': { who: ADVISER_ROUTES, run: (event) => consoleServiceLevels(event.queryStringParameters ?? {}) },
  'GET /api/console/demand': { who: MANAGER_ROUTES, run: (event) => consoleDemand(event.queryStringParameters ?? {}) },
};

function admit(person: Person, who: ConsoleRoute['who']): void {
  if (who === 'anyone') return;
  if (who === ADVISERS_OR_TEAMS) {
    const roles = rolesOf(person.groups, contactDeps.catalogue);
    if (roles.adviser || roles.teams.length) return;
    throw new HttpError(403, `${person.username} may not do this: it needs one of the groups ${ADVISER_ROUTES.join(', ')}, or a service team's`);
  }
  requireGroup(person, who);
}

export const handler = httpHandler(
  async (event) => {
    const person = await peopleVerifierFromEnv().verifyAuthorization(event.headers.authorization);
    const route = routes[event.routeKey];
    if (!route) throw new HttpError(404, `no console route ${event.routeKey}`);
    admit(person, route.who);
    const answer = await route.run(event, person);
    return route.status === 204 ? { statusCode: 204, headers: { 'cache-control': 'no-store' } } : json(route.status ?? 200, answer);
  },
  (error) => {
    if (error instanceof NotYourTeamsCaseError || error instanceof NotInTeamError) return new HttpError(403, error.message);
    if (error instanceof ConsoleInputError || error instanceof ResidentQueryError || error instanceof WorklistQueryError) return new HttpError(400, error.message);
    if (error instanceof UnknownServiceError) return new HttpError(400, `service '${error.serviceId}' is not a service we offer`);
    if (error instanceof CaseNotFoundError || error instanceof ResidentNotFoundError || error instanceof ContactNotFoundError) {
      return new HttpError(404, error.message);
    }
    if (error instanceof StaleCaseError) {
      return new HttpError(
        409,
        `Someone else changed this case since you opened it (it is now at version ${error.current}): read it again, then make your change`,
        undefined,
        { currentVersion: error.current },
      );
    }
    // Not allowed in the case's status, or no such service: the request is wrong as it stands.
    if (error instanceof CaseActionError) return new HttpError(400, error.message);
    if (error instanceof OptedOutError) return new HttpError(409, error.message);
    if (error instanceof IdempotencyKeyReusedError) return new HttpError(422, error.message);
    return undefined;
  },
);
