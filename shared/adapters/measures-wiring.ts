// Production wiring of the measures for the console API: the DynamoDB counters and the system clock,
// with a query the application refuses answered as a 400 that says what to send instead.
import { catalogue } from '#catalogue/index';
import { MeasuresQueryError, readMeasures, type MeasuresQuery } from '#app/measures';
import type { MeasuresReport } from '#domain/measures';
import { systemClock } from './clock.ts';
import { HttpError } from './http.ts';
import { dynamoMeasuresStore } from './measures-store.ts';

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
