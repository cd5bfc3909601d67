// Production wiring of the service-levels view for the console API: the byTeamDue reads, the
// catalogue, the system clock and who is looking; a filter the view refuses answered as a 400 in words.
import { serviceLevels, type ServiceLevelDeps, type ServiceLevelsAnswer } from '#app/service-levels';
import { catalogue } from '#catalogue/index';
import { ServiceLevelFilterError } from '#domain/service-levels';
import { systemClock } from './clock.ts';
import { HttpError } from './http.ts';
import { lookersOfCases } from './presence-wiring.ts';
import { dynamoServiceLevelStore } from './service-level-store.ts';

export const serviceLevelDeps: ServiceLevelDeps = { store: dynamoServiceLevelStore, catalogue, clock: systemClock, lookersOf: lookersOfCases };

/** GET /api/console/service-levels?team=&service=&channel=&priority= */
export async function consoleServiceLevels(query: Record<string, string | undefined>): Promise<ServiceLevelsAnswer> {
  try {
    return await serviceLevels(query, serviceLevelDeps);
  } catch (error) {
    if (error instanceof ServiceLevelFilterError) throw new HttpError(400, error.message);
    throw error;
  }
}
