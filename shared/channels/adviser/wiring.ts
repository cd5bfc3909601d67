// Production wiring of the adviser channel's ports: the core's stores and the outbox.
import { ids } from '#adapters/ids';
import { isOptedOut } from '#adapters/notification-store';
import { dynamoFailureDemandStore, dynamoFeedStore, dynamoResidentStore, putNotification } from '#adapters/store';
import { caseDeps, contactDeps } from '#adapters/wiring';
import type { AdviserCaseDeps } from './cases.ts';

export const adviserCaseDeps: AdviserCaseDeps = { cases: caseDeps, isOptedOut, queueNotification: putNotification, newId: ids.newId };

export const residentDeps = { residents: dynamoResidentStore, cases: caseDeps.store, catalogue: caseDeps.catalogue, clock: caseDeps.clock };

export const feedDeps = { feed: dynamoFeedStore, clock: caseDeps.clock };

export const failureDemandDeps = { store: dynamoFailureDemandStore, clock: caseDeps.clock };

export { contactDeps };
