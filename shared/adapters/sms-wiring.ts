// Production wiring of the SMS channel's ports. queueSmsDeps is for any function that texts a
// resident (voice offers an SMS confirmation; service teams' updates): queueSms(request, queueSmsDeps).
import type { QueueSmsDeps } from '#app/notifications';
import type { SmsDeps } from '#app/sms';
import { systemClock } from './clock.ts';
import { ids } from './ids.ts';
import { dynamoSmsStore } from './sms-store.ts';
import { putNotification } from './store.ts';
import { contactDeps } from './wiring.ts';

export const smsDeps: SmsDeps = { store: dynamoSmsStore, contacts: contactDeps, newId: ids.newId };

export const queueSmsDeps: QueueSmsDeps = { outbox: { put: putNotification }, clock: systemClock };
