// POST /api/contacts: a contact from the council's web form.
import { acceptContact } from '#app/contacts';
import { contactFromWebForm, WebContactRequestSchema } from '#channels/web/form';
import { HttpError, httpHandler, idempotencyKeyOf, json, parseJsonBody } from '#adapters/http';
import { ids } from '#adapters/ids';
import { contactDeps } from '#adapters/wiring';
import { UnknownServiceError } from '#domain/routing';

export const handler = httpHandler(
  async (event) => {
    const form = parseJsonBody(event, WebContactRequestSchema);
    const id = ids.newId();
    const contact = contactFromWebForm(form, {
      id,
      // A client that retries sends the same Idempotency-Key and gets the first answer back.
      providerId: idempotencyKeyOf(event) ?? id,
      receivedAt: contactDeps.clock.now().toISOString(),
    });
    const outcome = await acceptContact(contact, contactDeps);
    return json(201, outcome);
  },
  (error) =>
    error instanceof UnknownServiceError
      ? new HttpError(400, `service '${error.serviceId}' is not a service we offer`, [
          { field: 'service', message: 'is not a service we offer' },
        ])
      : undefined,
);
