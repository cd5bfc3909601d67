// Production wiring of the application's ports: the real store, clock, ids and catalogue.
import type { CaseDeps } from '#app/cases';
import type { ContactDeps } from '#app/contacts';
import { catalogue } from '#catalogue/index';
import { systemClock } from './clock.ts';
import { ids } from './ids.ts';
import { dynamoCaseStore, dynamoContactStore } from './store.ts';

export const contactDeps: ContactDeps = {
  store: dynamoContactStore,
  catalogue,
  clock: systemClock,
  newReference: ids.newReference,
};

export const caseDeps: CaseDeps = { store: dynamoCaseStore, catalogue, clock: systemClock };
