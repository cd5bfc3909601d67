// A resident's contacts and cases together, newest first, read from DynamoDB Local through the
// real store adapter (the console routes that show them are tested in console.test.ts).
import { beforeAll, describe, expect, it } from 'vitest';
import type * as Residents from '../../shared/app/residents.ts';
import type { dynamoResidentStore as Store } from '../../shared/adapters/store.ts';
import type { caseDeps as CaseDeps } from '../../shared/adapters/wiring.ts';
import { postJson, useStackTable } from '../support/stack.ts';

let residents: typeof Residents;
let deps: Residents.ResidentDeps;

beforeAll(async () => {
  // The adapters read the same environment the local stack gives the functions.
  useStackTable();
  residents = await import('../../shared/app/residents.ts');
  const { dynamoResidentStore }: { dynamoResidentStore: typeof Store } = await import('../../shared/adapters/store.ts');
  const { caseDeps }: { caseDeps: typeof CaseDeps } = await import('../../shared/adapters/wiring.ts');
  deps = { residents: dynamoResidentStore, cases: caseDeps.store, catalogue: caseDeps.catalogue, clock: caseDeps.clock };
});

describe("a resident's history", () => {
  it('lists contacts and cases together, newest first, however the number was written', async () => {
    // Prepare
    const digits = String(Date.now() % 1_000_000).padStart(6, '0');
    const phone = `07700 9${digits.slice(1)}`;
    const first = await postJson('/api/contacts', { description: 'Our bin was missed', service: 'missed-bin', phone });
    await postJson('/api/contacts', { description: 'What are your opening hours?', phone: `+44${phone.replace(/\s/g, '').slice(1)}` });
    const third = await postJson('/api/contacts', { description: 'Pothole outside', service: 'pothole', phone: `(0${phone.slice(1, 5)}) ${phone.slice(6)}` });

    // Act
    const found = await residents.findResidents(`0044 ${phone.slice(1)}`, deps);
    const history = await residents.residentTimeline(found.residents[0]!.key, deps);

    // Assess
    expect(found).toMatchObject({ kind: 'phone', residents: [{ key: `PHONE#+44${phone.replace(/\s/g, '').slice(1)}`, contacts: 3 }] });
    const times = history.entries.map((entry) => entry.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(history.entries.filter((e) => e.kind === 'case').map((e) => e.kind === 'case' && e.reference).sort()).toEqual(
      [first.body.reference, third.body.reference].sort(),
    );
    const contacts = history.entries.filter((e) => e.kind === 'contact');
    expect(contacts).toHaveLength(3);
    expect(contacts.map((c) => c.kind === 'contact' && c.decision)).toEqual(['handoff', 'resolve', 'handoff']);
  });

  it('says what is wrong with something that is not a resident', async () => {
    await expect(residents.findResidents('07700 12', deps)).rejects.toThrow("'07700 12' is not a phone number");
    await expect(residents.findResidents('  ', deps)).rejects.toThrow('search for a phone number, an email address, a case reference or a name');
    await expect(residents.residentTimeline('not a key', deps)).rejects.toThrow("'not a key' is not a resident's key");
    await expect(residents.residentTimeline('EMAIL#nobody-here@example.org', deps)).rejects.toBeInstanceOf(residents.ResidentNotFoundError);
  });
});
