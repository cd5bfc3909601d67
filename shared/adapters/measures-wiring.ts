// Production wiring of the measures: counting the table stream's records, and the measures and the
// demand analysis for the console API: the DynamoDB counters and examples, the catalogue and the
// system clock, with a query the application refuses answered as a 400 that says what to send instead.
import { readDemand, type DemandQuery } from '#app/demand';
import { MeasuresQueryError, readMeasures, type CountPorts, type MeasuresQuery } from '#app/measures';
import { catalogue } from '#catalogue/index';
import type { DemandReport } from '#domain/demand';
import type { MeasuresReport } from '#domain/measures';
import { systemClock } from './clock.ts';
import { HttpError } from './http.ts';
import { dynamoMeasuresStore } from './measures-store.ts';

/** Counting the table stream's records (update-measures): the counters, the clock, and each service's team. */
export const countDeps: CountPorts = {
  store: dynamoMeasuresStore,
  clock: systemClock,
  teamOf: (serviceId) => catalogue.service(serviceId)?.teamId,
};

export const measuresDeps = {
  store: dynamoMeasuresStore,
  clock: systemClock,
  vocabulary: { services: catalogue.services.map((s) => s.id), teams: catalogue.teams.map((t) => t.id) },
};

/** GET /api/console/measures?from=YYYY-MM-DD&to=YYYY-MM-DD&by=day|service|team|channel&interval=day|week|month&focus=<dimension>:<id> */
export async function consoleMeasures(query: MeasuresQuery): Promise<MeasuresReport> {
  try {
    return await readMeasures(query, measuresDeps);
  } catch (error) {
    if (error instanceof MeasuresQueryError) throw new HttpError(400, error.message);
    throw error;
  }
}

/** GET /api/console/demand?from=YYYY-MM-DD&to=YYYY-MM-DD&interval=day|week|month&limit=n */
export async function consoleDemand(query: DemandQuery): Promise<DemandReport> {
  try {
    return await readDemand(query, { store: dynamoMeasuresStore, catalogue, clock: systemClock });
  } catch (error) {
    if (error instanceof MeasuresQueryError) throw new HttpError(400, error.message);
    throw error;
  }
}
