// The service API: a team's worklist, its cases with their history, and actions on them.
// Per-team credentials; a team sees and changes only its own cases.
import { authenticateTeam } from '#adapters/bearer-auth';
import { HttpError, httpHandler, json, parseJsonBody, type HttpEvent } from '#adapters/http';
import { caseDeps } from '#adapters/wiring';
import { actOnCase, caseWithHistory, CaseNotFoundError, StaleCaseError, teamWorklist } from '#app/cases';
import { CaseActionError } from '#domain/case-lifecycle';
import { CaseActionRequestSchema, toCaseAction } from '#app/case-requests';
import { normaliseReference } from '#domain/reference';

function referenceOf(event: HttpEvent): string {
  const reference = normaliseReference(event.pathParameters?.reference ?? '');
  if (!reference) throw new HttpError(404, `'${event.pathParameters?.reference}' is not a case reference`);
  return reference;
}

const routes: Record<string, (event: HttpEvent, teamId: string) => Promise<unknown>> = {
  'GET /service/worklist': async (_event, teamId) => ({ teamId, cases: await teamWorklist(teamId, caseDeps) }),
  'GET /service/cases/{reference}': async (event, teamId) => caseWithHistory(referenceOf(event), teamId, caseDeps),
  'POST /service/cases/{reference}/actions': async (event, teamId) => {
    const request = parseJsonBody(event, CaseActionRequestSchema);
    return actOnCase({ reference: referenceOf(event), teamId, version: request.version, action: toCaseAction(request) }, caseDeps);
  },
};

export const handler = httpHandler(
  async (event) => {
    const teamId = await authenticateTeam(event);
    const route = routes[event.routeKey];
    if (!route) throw new HttpError(404, `no service route ${event.routeKey}`);
    return json(200, await route(event, teamId));
  },
  (error) => {
    if (error instanceof CaseNotFoundError) return new HttpError(404, error.message);
    if (error instanceof StaleCaseError) return new HttpError(409, error.message);
    if (error instanceof CaseActionError) return new HttpError(error.code === 'unknown-service' ? 400 : 409, error.message);
    return undefined;
  },
);
