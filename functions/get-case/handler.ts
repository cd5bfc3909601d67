// GET /api/cases/{reference}: where a case is, for anyone holding its reference (no personal data).
import { HttpError, httpHandler, json } from '#adapters/http';
import { dynamoContactStore } from '#adapters/store';
import { summariseCase } from '#domain/case';
import { normaliseReference } from '#domain/reference';

export const handler = httpHandler(async (event) => {
  const asked = event.pathParameters?.reference ?? '';
  const reference = normaliseReference(asked);
  if (!reference) throw new HttpError(400, `'${asked}' is not a case reference; they look like K7MD-Q9PX`);
  const found = await dynamoContactStore.getCase(reference);
  if (!found) throw new HttpError(404, `no case has the reference ${reference}`);
  return json(200, summariseCase(found));
});
