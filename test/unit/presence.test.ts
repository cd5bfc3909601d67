// Who else is looking at a case, against an in-memory store: a heartbeat renews the caller's
// presence (keeping when this look began) and answers who else is looking; expired presences that
// the store still holds (DynamoDB's TTL deletes late) count for nothing; leaving ends it.
import { describe, expect, it } from 'vitest';
import { heartbeat, lookersOf, othersLookingAt, PRESENCE_TTL_SECONDS, stopLooking, type Presence, type PresenceDeps, type PresenceStore } from '#app/presence';
import type { Clock } from '#domain/clock';

function memoryStore(): PresenceStore & { items: Map<string, Presence>; reads: number } {
  const items = new Map<string, Presence>();
  return {
    items,
    reads: 0,
    async presencesOn(references) {
      this.reads += 1;
      return [...items.values()].filter((p) => references.includes(p.reference));
    },
    async put(presence) {
      items.set(`${presence.reference}#${presence.username}`, { ...presence });
    },
    async remove(reference, username) {
      items.delete(`${reference}#${username}`);
    },
  };
}

function setUp() {
  let now = new Date('2026-11-25T10:00:00Z');
  const clock: Clock = { now: () => new Date(now) };
  const store = memoryStore();
  const deps: PresenceDeps = { presence: store, clock };
  return { store, deps, later: (seconds: number) => (now = new Date(now.getTime() + seconds * 1000)) };
}

describe('a heartbeat', () => {
  it('answers who else is looking (not the caller), and keeps when each look began', async () => {
    // Prepare
    const { deps, later } = setUp();

    // Act
    const first = await heartbeat('K7MD-Q9PX', 'amara.okafor', deps);
    later(5);
    const second = await heartbeat('K7MD-Q9PX', 'priya.shah', deps);
    later(15);
    const again = await heartbeat('K7MD-Q9PX', 'amara.okafor', deps);

    // Assess
    expect(first).toEqual({ others: [], ttlSeconds: PRESENCE_TTL_SECONDS });
    expect(second.others).toEqual([{ username: 'amara.okafor', since: '2026-11-25T10:00:00.000Z' }]);
    expect(again.others).toEqual([{ username: 'priya.shah', since: '2026-11-25T10:00:05.000Z' }]);
    expect(await othersLookingAt('K7MD-Q9PX', 'priya.shah', deps)).toEqual([{ username: 'amara.okafor', since: '2026-11-25T10:00:00.000Z' }]);
  });

  it('ignores a presence whose time has passed though the store still holds it, and starts a new look after it', async () => {
    // Prepare
    const { store, deps, later } = setUp();
    await heartbeat('K7MD-Q9PX', 'amara.okafor', deps);

    // Act: the adviser's tab went quiet for longer than the TTL.
    later(PRESENCE_TTL_SECONDS);
    const seen = await heartbeat('K7MD-Q9PX', 'priya.shah', deps);
    later(1);
    await heartbeat('K7MD-Q9PX', 'amara.okafor', deps);

    // Assess
    expect(store.items.size).toBe(2);
    expect(seen.others).toEqual([]);
    expect((await lookersOf(['K7MD-Q9PX'], deps)).get('K7MD-Q9PX')).toEqual([
      { username: 'priya.shah', since: '2026-11-25T10:01:00.000Z' },
      { username: 'amara.okafor', since: '2026-11-25T10:01:01.000Z' },
    ]);
  });

  it('is ended by leaving the case', async () => {
    const { deps } = setUp();
    await heartbeat('K7MD-Q9PX', 'amara.okafor', deps);
    await stopLooking('K7MD-Q9PX', 'amara.okafor', deps);
    expect(await othersLookingAt('K7MD-Q9PX', 'priya.shah', deps)).toEqual([]);
  });
});

describe('the lookers of many cases', () => {
  it('are one read, with each case’s lookers in the order they came and cases nobody is looking at absent', async () => {
    // Prepare
    const { store, deps, later } = setUp();
    await heartbeat('AAAA-1111', 'amara.okafor', deps);
    later(1);
    await heartbeat('CCCC-3333', 'priya.shah', deps);
    later(1);
    await heartbeat('AAAA-1111', 'david.hughes', deps);
    await heartbeat('ZZZZ-9999', 'david.hughes', deps);
    const readsBefore = store.reads;

    // Act
    const found = await lookersOf(['AAAA-1111', 'BBBB-2222', 'CCCC-3333'], deps);

    // Assess
    expect(store.reads - readsBefore).toBe(1);
    expect([...found.keys()].sort()).toEqual(['AAAA-1111', 'CCCC-3333']);
    expect(found.get('AAAA-1111')!.map((l) => l.username)).toEqual(['amara.okafor', 'david.hughes']);
    expect(await lookersOf([], deps)).toEqual(new Map());
  });
});
