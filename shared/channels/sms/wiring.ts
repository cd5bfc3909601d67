// Production wiring of the SMS channel's ports.
import { ids } from '#adapters/ids';
import { contactDeps } from '#adapters/wiring';
import type { SmsDeps } from './receive.ts';
import { dynamoSmsStore } from './store.ts';

export const smsDeps: SmsDeps = { store: dynamoSmsStore, contacts: contactDeps, newId: ids.newId };
