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
    // Every issued reference has a digit, so findReference can tell it from ordinary words.
    for (;;) {
      const pool = randomBytes(32);
      let i = 0;
      const reference = referenceFromRandom(() => (i < pool.length ? pool[i++]! : randomBytes(1)[0]!));
      if (/\d/.test(reference)) return reference;
    }
  },
};
