// Production wiring of the application's ports: the real store, clock, ids and catalogue.
import type { ContactDeps } from '#app/contacts';
import { catalogue } from '#catalogue/index';
import { systemClock } from './clock.ts';
import { ids } from './ids.ts';
import { dynamoContactStore } from './store.ts';

export const contactDeps: ContactDeps = {
  store: dynamoContactStore,
  catalogue,
  clock: systemClock,
  newReference: ids.newReference,
};
