// The CSN advisers' console API (adviser token required on every route).
import { authenticateAdviser } from '#adapters/bearer-auth';
import { HttpError, httpHandler, idempotencyKeyOf, json, parseJsonBody, type HttpEvent } from '#adapters/http';
import { ids } from '#adapters/ids';
import { consoleMeasures } from '#adapters/measures-wiring';
import { dynamoContactStore, dynamoResidentStore } from '#adapters/store';
import { contactDeps } from '#adapters/wiring';
import { ConsoleContactSchema, ConsoleInputError, recordAdviserContact, RoutePreviewSchema, suggestRoute } from '#channels/adviser/contacts';
import { residentHistory, ResidentIdentityError } from '#app/residents';
import { normaliseReference } from '#domain/reference';
import { UnknownServiceError } from '#domain/routing';

const routes: Record<string, (event: HttpEvent, adviserId: string) => Promise<unknown>> = {
  'POST /api/console/route': async (event) => suggestRoute(parseJsonBody(event, RoutePreviewSchema).description, contactDeps),
  'POST /api/console/contacts': async (event, adviserId) => {
    const input = parseJsonBody(event, ConsoleContactSchema);
    const id = ids.newId();
    const providerId = idempotencyKeyOf(event) ?? id;
    return recordAdviserContact(input, { adviserId, id, providerId, receivedAt: contactDeps.clock.now().toISOString() }, contactDeps);
  },
  'GET /api/console/residents/history': async (event) => ({
    entries: await residentHistory(dynamoResidentStore, {
      ...(event.queryStringParameters?.phone ? { phone: event.queryStringParameters.phone } : {}),
      ...(event.queryStringParameters?.email ? { email: event.queryStringParameters.email } : {}),
    }),
  }),
  'GET /api/console/cases/{reference}': async (event) => {
    const reference = normaliseReference(event.pathParameters?.reference ?? '');
    const found = reference ? await dynamoContactStore.getCase(reference) : undefined;
    if (!found) throw new HttpError(404, `no case has the reference '${event.pathParameters?.reference}'`);
    return found;
  },
  'GET /api/console/measures': async (event) => consoleMeasures(event.queryStringParameters ?? {}),
};

export const handler = httpHandler(
  async (event) => {
    const adviserId = await authenticateAdviser(event);
    const route = routes[event.routeKey];
    if (!route) throw new HttpError(404, `no console route ${event.routeKey}`);
    return json(event.routeKey === 'POST /api/console/contacts' ? 201 : 200, await route(event, adviserId));
  },
  (error) => {
    if (error instanceof ConsoleInputError || error instanceof ResidentIdentityError) return new HttpError(400, error.message);
    if (error instanceof UnknownServiceError) return new HttpError(400, `service '${error.serviceId}' is not a service we offer`);
    return undefined;
  },
);
