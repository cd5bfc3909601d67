// A resident's contacts and cases together, newest first, read from DynamoDB Local through the
// real store adapter (the console route that shows it comes with the adviser console).
import { beforeAll, describe, expect, it } from 'vitest';
import type { residentHistory as ResidentHistory } from '../../shared/app/residents.ts';
import type { dynamoResidentStore as Store } from '../../shared/adapters/store.ts';
import { postJson, stack, useStackTable } from '../support/stack.ts';

let residentHistory: typeof ResidentHistory;
let store: typeof Store;

beforeAll(async () => {
  // The adapters read the same environment the local stack gives the functions.
  useStackTable();
  ({ residentHistory } = await import('../../shared/app/residents.ts'));
  ({ dynamoResidentStore: store } = await import('../../shared/adapters/store.ts'));
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
    const history = await residentHistory(store, { phone: `0044 ${phone.slice(1)}` });

    // Assess
    const times = history.map((entry) => entry.at);
    expect([...times].sort().reverse()).toEqual(times);
    expect(history.filter((e) => e.kind === 'case').map((e) => e.kind === 'case' && e.reference).sort()).toEqual(
      [first.body.reference, third.body.reference].sort(),
    );
    const contacts = history.filter((e) => e.kind === 'contact');
    expect(contacts).toHaveLength(3);
    expect(contacts.map((c) => c.kind === 'contact' && c.decision)).toEqual(['handoff', 'resolve', 'handoff']);
  });

  it('says what is wrong with an identity that is neither phone nor email', async () => {
    await expect(residentHistory(store, { phone: 'not a number' })).rejects.toThrow("'not a number' is not a phone number");
    await expect(residentHistory(store, {})).rejects.toThrow('give a phone number or an email address');
  });
});
