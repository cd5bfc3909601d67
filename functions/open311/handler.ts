// Open311 GeoReport v2 under /open311/v2/ (FixMyStreet and other clients), in JSON and XML.
import { parseFormBody } from '#adapters/http';
import { ids } from '#adapters/ids';
import { open311BaseUrl, open311Handler } from '#channels/open311/http';
import { dynamoOpen311Store } from '#channels/open311/store';
import { readSecretList } from '#adapters/secrets';
import { contactDeps } from '#adapters/wiring';
import { createServiceRequest, findServiceRequests, getServiceRequest, serviceRequestForToken, type Open311Deps } from '#channels/open311/requests';
import { discoveryOf, open311Services, serviceDefinitionOf } from '#channels/open311/georeport';

const deps: Open311Deps = {
  contacts: contactDeps,
  store: dynamoOpen311Store,
  apiKeys: () => readSecretList('OPEN311_API_KEYS'),
  newId: ids.newId,
};

export const handler = open311Handler(async ({ event, endpoint }) => {
  const query = event.queryStringParameters ?? {};
  switch (endpoint.kind) {
    case 'discovery':
      return { root: 'discovery', body: discoveryOf(open311BaseUrl(event)) };
    case 'services':
      return { root: 'services', body: open311Services(contactDeps.catalogue) };
    case 'service-definition':
      return { root: 'service_definition', body: serviceDefinitionOf(endpoint.serviceCode, contactDeps.catalogue) };
    case 'create-request': {
      const meta = { apiKeyInQuery: query.api_key, idempotencyKey: event.headers['idempotency-key'] };
      return { root: 'service_requests', body: await createServiceRequest(parseFormBody(event), meta, deps) };
    }
    case 'find-requests':
      return { root: 'service_requests', body: await findServiceRequests(query, deps) };
    case 'request':
      return { root: 'service_requests', body: await getServiceRequest(endpoint.id, deps) };
    case 'token':
      return { root: 'service_requests', body: await serviceRequestForToken(endpoint.token, deps) };
  }
});
