// The one id generator: random UUIDs for records, readable references for cases.
import { randomBytes, randomUUID } from 'node:crypto';
import { referenceFromRandom } from '#domain/reference';

export interface IdGenerator {
  newId(): string;
  newReference(): string;
}

export const ids: IdGenerator = {
  newId: () => randomUUID(),
  newReference: () => {
    const pool = randomBytes(32);
    let i = 0;
    return referenceFromRandom(() => (i < pool.length ? pool[i++]! : randomBytes(1)[0]!));
  },
};
