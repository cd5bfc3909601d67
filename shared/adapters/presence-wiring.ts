// Production wiring of presence (who else is looking at a case): the DynamoDB store and the system
// clock. `lookersOfCases` is the one read a list of cases needs (the service levels, a worklist).
import { lookersOf, type Looker, type PresenceDeps } from '#app/presence';
import { systemClock } from './clock.ts';
import { dynamoPresenceStore } from './presence-store.ts';

export const presenceDeps: PresenceDeps = { presence: dynamoPresenceStore, clock: systemClock };

/** Who is looking at each of these cases now (one Query); cases nobody is looking at are absent. */
export const lookersOfCases = (references: readonly string[]): Promise<Map<string, Looker[]>> => lookersOf(references, presenceDeps);
