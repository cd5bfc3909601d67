// Records from the past for the browser tests, whose stack starts empty and runs on the real clock:
// a web-form contact received days ago, through the application's own code (the web channel's
// form and acceptContact, with a clock fixed at that moment, as infra/local/seed.ts records its
// month), written to the browser stack's DynamoDB Local. Nothing is written to the table by hand,
// so the case, its hand-off and its history are what the platform would have written that day,
// and its service level is as late now as it would be.
import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { resetAwsClients } from '#adapters/aws';
import { contactDeps } from '#adapters/wiring';
import { acceptContact, type ContactOutcome } from '#app/contacts';
import { contactFromWebForm, WebContactRequestSchema, type WebContactRequest } from '#channels/web/form';
import { fixedClock } from '#domain/clock';

const stack = inject('consoleStack');
let pointed = false;

/** Points the adapters in this process at the browser stack's table, as the local stack points its functions. */
function useConsoleStackTable(): void {
  if (pointed) return;
  Object.assign(process.env, {
    TABLE_NAME: stack.tableName,
    AWS_REGION: stack.region,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: stack.dynamodbEndpoint,
  });
  resetAwsClients();
  pointed = true;
}

/** A web-form contact received `daysAgo` days before now (the form's fields as the council's site sends them). */
export async function webContactDaysAgo(daysAgo: number, form: WebContactRequest): Promise<ContactOutcome> {
  useConsoleStackTable();
  const receivedAt = new Date(Date.now() - daysAgo * 86_400_000);
  const id = randomUUID();
  const contact = contactFromWebForm(WebContactRequestSchema.parse(form), { id, providerId: id, receivedAt: receivedAt.toISOString() });
  return acceptContact(contact, { ...contactDeps, clock: fixedClock(receivedAt) });
}
