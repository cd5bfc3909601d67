import { describe, expect, it } from 'vitest';
import seed from '../../shared/catalogue/calendar.json' with { type: 'json' };
import { buildCalendar, londonInstant } from '#domain/calendar';
import {
  type SlaPolicy,
  SlaClockError,
  SlaClockSchema,
  SlaPolicySchema,
  describeCommitment,
  minutesLeftAt,
  pauseSla,
  resumeSla,
  slaStateAt,
  startSla,
  viewSlaClock,
} from '#domain/sla';

// The seed calendar: Mon-Thu 8:30-12:30 and 13:30-17:00, Fri 8:30-16:30, closed at weekends,
// on bank holidays and 24 Dec - 1 Jan.
const calendar = buildCalendar(seed, 'shared/catalogue/calendar.json');
const at = (iso: string) => new Date(iso);
const hours = (n: number) => n * 3_600_000;
const workingDays = (amount: number, warnAtFraction?: number): SlaPolicy => ({ amount, unit: 'working-days', warnAtFraction });
const businessHours = (amount: number, warnAtFraction?: number): SlaPolicy => ({ amount, unit: 'business-hours', warnAtFraction });
const elapsedHours = (amount: number, warnAtFraction?: number): SlaPolicy => ({ amount, unit: 'elapsed-hours', warnAtFraction });

describe('working-days targets', () => {
  it('skip the bank holiday Monday: Friday 22 May 2026 3pm + 2 working days is 5pm Wednesday 27 May', () => {
    // Act
    const clock = startSla(workingDays(2), calendar, at('2026-05-22T14:00:00Z'));

    // Assess
    expect(clock.startedAt).toBe('2026-05-22T14:00:00.000Z');
    expect(clock.dueAt).toBe('2026-05-27T16:00:00.000Z');
  });

  it('count a contact received after Friday closing from the next opening (Tuesday after the bank holiday)', () => {
    // Act
    const clock = startSla(workingDays(2), calendar, at('2026-05-22T17:00:00Z'));

    // Assess
    expect(clock.dueAt).toBe('2026-05-28T16:00:00.000Z');
  });

  it('count a contact received exactly at closing time from the next working day', () => {
    // Prepare: Thursday 26 November 2026, closing 5pm GMT

    // Act
    const atClose = startSla(workingDays(1), calendar, at('2026-11-26T17:00:00Z'));
    const beforeClose = startSla(workingDays(1), calendar, at('2026-11-26T16:59:59Z'));

    // Assess
    expect(atClose.dueAt).toBe('2026-11-30T17:00:00.000Z');
    expect(beforeClose.dueAt).toBe('2026-11-27T16:30:00.000Z');
  });

  it('count a contact received exactly at opening time, or on Sunday, from that Monday', () => {
    // Act
    const atOpening = startSla(workingDays(1), calendar, at('2026-11-30T08:30:00Z'));
    const onSunday = startSla(workingDays(1), calendar, at('2026-11-29T10:00:00Z'));

    // Assess
    expect(atOpening.dueAt).toBe('2026-12-01T17:00:00.000Z');
    expect(onSunday.dueAt).toBe('2026-12-01T17:00:00.000Z');
  });

  it('count a contact received in the lunch gap from that day', () => {
    // Act
    const clock = startSla(workingDays(1), calendar, at('2026-11-30T12:45:00Z'));

    // Assess
    expect(clock.dueAt).toBe('2026-12-01T17:00:00.000Z');
  });

  it('span a weekend: Thursday + 2 working days is Monday', () => {
    // Act
    const clock = startSla(workingDays(2), calendar, at('2026-11-26T11:00:00Z'));

    // Assess
    expect(clock.dueAt).toBe('2026-11-30T17:00:00.000Z');
  });

  it('skip the Christmas closure: Wednesday 23 December 2026 + 2 working days is Tuesday 5 January 2027', () => {
    // Act
    const clock = startSla(workingDays(2), calendar, at('2026-12-23T10:00:00Z'));

    // Assess
    expect(clock.dueAt).toBe('2027-01-05T17:00:00.000Z');
  });

  it('span the autumn clock change: Friday 23 October 2026 + 1 working day is 5pm GMT Monday', () => {
    // Act
    const clock = startSla(workingDays(1), calendar, at('2026-10-23T09:00:00Z'));

    // Assess
    expect(clock.dueAt).toBe('2026-10-26T17:00:00.000Z');
  });

  it('must be whole days', () => {
    // Act / Assess
    expect(() => startSla(workingDays(1.5), calendar, at('2026-11-30T10:00:00Z'))).toThrow(SlaClockError);
  });
});

describe('business-hours targets', () => {
  it('skip the lunch gap and land on closing time when they run out there', () => {
    // Act
    const clock = startSla(businessHours(4), calendar, at('2026-11-30T12:45:00Z'));

    // Assess: counts from 1:30pm; 3.5 h to 5pm, the last half hour on Tuesday morning
    expect(clock.dueAt).toBe('2026-12-01T09:00:00.000Z');
    expect(startSla(businessHours(3.5), calendar, at('2026-11-30T12:45:00Z')).dueAt).toBe('2026-11-30T17:00:00.000Z');
  });

  it('span a weekend', () => {
    // Act
    const clock = startSla(businessHours(3), calendar, at('2026-11-27T15:00:00Z'));

    // Assess: 1.5 h on Friday, 1.5 h on Monday morning
    expect(clock.dueAt).toBe('2026-11-30T10:00:00.000Z');
  });

  it('span the spring clock change: Friday 27 March 2026 2pm GMT + 8 business hours is 3pm BST Monday', () => {
    // Act
    const clock = startSla(businessHours(8), calendar, at('2026-03-27T14:00:00Z'));

    // Assess: Friday 2.5 h; Monday 8:30-12:30 BST 4 h; 1:30-3pm BST 1.5 h. Warn at 6 h: 12pm BST Monday
    expect(clock.dueAt).toBe('2026-03-30T14:00:00.000Z');
    expect(clock.warnAt).toBe('2026-03-30T11:00:00.000Z');
  });
});

describe('elapsed-hours targets', () => {
  it('run through the night of the spring clock change in real hours', () => {
    // Prepare: Saturday 28 March 2026 11:30pm GMT; at 1am the clocks go forward to 2am

    // Act
    const clock = startSla(elapsedHours(3), calendar, at('2026-03-28T23:30:00Z'));

    // Assess: three real hours later is 3:30am BST, four hours later on the clock face
    expect(clock.dueAt).toBe('2026-03-29T02:30:00.000Z');
    expect(describeCommitment(clock.dueAt, calendar, 'web', at('2026-03-28T23:30:00Z'))).toBe('by 3:30am on Sunday 29 March');
  });

  it('start from a local time in the spring-forward gap read as BST', () => {
    // Prepare: a form stamped 01:30 local on 29 March 2026, an hour that did not exist
    const receivedAt = londonInstant('2026-03-29', '01:30');

    // Act
    const clock = startSla(elapsedHours(1), calendar, receivedAt);

    // Assess: 01:30 is read as 02:30 BST, so due 03:30 BST
    expect(clock.dueAt).toBe('2026-03-29T02:30:00.000Z');
    expect(describeCommitment(clock.dueAt, calendar, 'sms', receivedAt)).toBe('by 3:30am today');
  });

  it('run through the night of the autumn clock change in real hours, and tell apart the two 1:30ams', () => {
    // Prepare: 24 hours from Saturday 24 October 2026 noon BST
    const noonSaturday = at('2026-10-24T11:00:00Z');

    // Act
    const day = startSla(elapsedHours(24), calendar, noonSaturday);
    const firstOneThirty = startSla(elapsedHours(1), calendar, at('2026-10-25T00:30:00Z'));
    const secondOneThirty = startSla(elapsedHours(1), calendar, at('2026-10-25T01:30:00Z'));

    // Assess: the clock face shows 11am, 23 hours on; each 1:30am contact is due an hour later
    expect(day.dueAt).toBe('2026-10-25T11:00:00.000Z');
    expect(describeCommitment(day.dueAt, calendar, 'web', noonSaturday)).toBe('by 11am on Sunday 25 October');
    expect(describeCommitment(firstOneThirty.dueAt, calendar, 'web', at('2026-10-25T00:30:00Z'))).toBe('by 1:30am today');
    expect(describeCommitment(secondOneThirty.dueAt, calendar, 'web', at('2026-10-25T01:30:00Z'))).toBe('by 2:30am today');
  });

  it('ignore opening hours: a dead animal within 1 hour on a Sunday evening', () => {
    // Act
    const clock = startSla(elapsedHours(1), calendar, at('2026-11-29T19:10:00Z'));

    // Assess
    expect(clock.dueAt).toBe('2026-11-29T20:10:00.000Z');
    expect(clock.warnAt).toBe('2026-11-29T19:55:00.000Z');
  });
});

describe('warning point', () => {
  it('is 0.75 of the open time to a working-days due time by default', () => {
    // Prepare: Friday 22 May 2026 3pm BST; due 5pm Wed 27 May; open time between is
    // 1.5 h (Fri) + 7.5 h (Tue) + 7.5 h (Wed) = 16.5 h, so warn after 12 h 22.5 min of it

    // Act
    const clock = startSla(workingDays(2), calendar, at('2026-05-22T14:00:00Z'));

    // Assess: 1.5 + 7.5 = 9 h by Tuesday close, then 3 h 22.5 min from 8:30am Wednesday
    expect(clock.warnAt).toBe('2026-05-27T10:52:30.000Z');
  });

  it('follows warnAtFraction for business hours', () => {
    // Act
    const clock = startSla(businessHours(7, 0.5), calendar, at('2026-11-30T08:30:00Z'));

    // Assess: 3.5 business hours from 8:30am is 12 noon; the due time skips lunch to 4:30pm
    expect(clock.warnAt).toBe('2026-11-30T12:00:00.000Z');
    expect(clock.dueAt).toBe('2026-11-30T16:30:00.000Z');
  });
});

describe('slaStateAt', () => {
  it('moves from on-track to at-risk at warnAt and to breached after dueAt', () => {
    // Prepare
    const clock = startSla(workingDays(2), calendar, at('2026-05-22T14:00:00Z'));

    // Act / Assess
    expect(slaStateAt(clock, at('2026-05-22T14:00:00Z'))).toBe('on-track');
    expect(slaStateAt(clock, at('2026-05-27T10:52:29Z'))).toBe('on-track');
    expect(slaStateAt(clock, at('2026-05-27T10:52:30Z'))).toBe('at-risk');
    expect(slaStateAt(clock, at('2026-05-27T16:00:00Z'))).toBe('at-risk');
    expect(slaStateAt(clock, at('2026-05-27T16:00:01Z'))).toBe('breached');
  });

  it('is paused while waiting on the resident, even past the original due time', () => {
    // Prepare
    const clock = pauseSla(startSla(elapsedHours(1), calendar, at('2026-11-30T10:00:00Z')), at('2026-11-30T10:30:00Z'));

    // Act / Assess
    expect(slaStateAt(clock, at('2026-11-30T10:31:00Z'))).toBe('paused');
    expect(slaStateAt(clock, at('2026-12-02T10:00:00Z'))).toBe('paused');
  });
});

describe('pause and resume', () => {
  it('do not eat a bank holiday twice: the due time moves by the open time of the pause', () => {
    // Prepare: 5 working days from Tuesday 19 May 2026 10am BST: due 5pm Wednesday 27 May
    const started = startSla(workingDays(5), calendar, at('2026-05-19T09:00:00Z'));
    expect(started.dueAt).toBe('2026-05-27T16:00:00.000Z');
    expect(started.warnAt).toBe('2026-05-26T11:30:00.000Z');

    // Act: waiting on the resident from Friday close to Wednesday opening; Monday 25 May is a bank holiday
    const paused = pauseSla(started, at('2026-05-22T15:30:00Z'));
    const resumed = resumeSla(paused, calendar, at('2026-05-27T07:30:00Z'));

    // Assess: only Tuesday's 7.5 open hours passed, so due 5pm Thursday, warn 12:30pm Wednesday
    expect(resumed.pausedMillis).toBe(hours(7.5));
    expect(resumed.dueAt).toBe('2026-05-28T16:00:00.000Z');
    expect(resumed.warnAt).toBe('2026-05-27T11:30:00.000Z');
    expect(resumed.pausedAt).toBeUndefined();
    expect(resumed.pauses).toEqual([
      { from: '2026-05-22T15:30:00.000Z', to: '2026-05-27T07:30:00.000Z', extendedByMillis: hours(7.5) },
    ]);
    expect(slaStateAt(resumed, at('2026-05-27T10:00:00Z'))).toBe('on-track');
    expect(slaStateAt(resumed, at('2026-05-28T16:00:01Z'))).toBe('breached');
  });

  it('count only open time for a business-hours pause across lunch', () => {
    // Prepare: 6 business hours from 9am Monday 30 November 2026: due 4pm
    const started = startSla(businessHours(6), calendar, at('2026-11-30T09:00:00Z'));
    expect(started.dueAt).toBe('2026-11-30T16:00:00.000Z');

    // Act: paused 12 noon to 2pm, of which 1 hour was open
    const resumed = resumeSla(pauseSla(started, at('2026-11-30T12:00:00Z')), calendar, at('2026-11-30T14:00:00Z'));

    // Assess
    expect(resumed.pausedMillis).toBe(hours(1));
    expect(resumed.dueAt).toBe('2026-11-30T17:00:00.000Z');
  });

  it('count real time for an elapsed-hours pause', () => {
    // Prepare
    const started = startSla(elapsedHours(4), calendar, at('2026-11-30T10:00:00Z'));

    // Act
    const resumed = resumeSla(pauseSla(started, at('2026-11-30T11:00:00Z')), calendar, at('2026-11-30T12:30:00Z'));

    // Assess
    expect(resumed.dueAt).toBe('2026-11-30T15:30:00.000Z');
    expect(resumed.warnAt).toBe('2026-11-30T14:30:00.000Z');
    expect(resumed.pausedMillis).toBe(hours(1.5));
  });

  it('leave a clock that was already breached when paused breached', () => {
    // Prepare
    const started = startSla(elapsedHours(1), calendar, at('2026-11-30T10:00:00Z'));
    const paused = pauseSla(started, at('2026-11-30T11:30:00Z'));

    // Act
    const resumed = resumeSla(paused, calendar, at('2026-11-30T13:00:00Z'));

    // Assess
    expect(slaStateAt(paused, at('2026-11-30T12:00:00Z'))).toBe('breached');
    expect(resumed.dueAt).toBe('2026-11-30T11:00:00.000Z');
    expect(slaStateAt(resumed, at('2026-11-30T13:00:00Z'))).toBe('breached');
  });

  it('refuse to pause twice, to resume an unpaused clock, or to go back in time', () => {
    // Prepare
    const started = startSla(workingDays(2), calendar, at('2026-11-30T10:00:00Z'));
    const paused = pauseSla(started, at('2026-11-30T11:00:00Z'));

    // Act / Assess
    expect(() => pauseSla(paused, at('2026-11-30T12:00:00Z'))).toThrow(SlaClockError);
    expect(() => resumeSla(started, calendar, at('2026-11-30T12:00:00Z'))).toThrow(SlaClockError);
    expect(() => resumeSla(paused, calendar, at('2026-11-30T10:59:00Z'))).toThrow(SlaClockError);
    expect(() => pauseSla(started, at('2026-11-30T09:00:00Z'))).toThrow(SlaClockError);
  });

  it('keep the clock a plain object that survives JSON and validates when read back', () => {
    // Prepare
    const paused = pauseSla(startSla(workingDays(2), calendar, at('2026-11-30T10:00:00Z')), at('2026-11-30T11:00:00Z'));

    // Act
    const stored = JSON.parse(JSON.stringify(paused)) as unknown;

    // Assess
    expect(stored).toEqual(paused);
    expect(SlaClockSchema.safeParse(stored).success).toBe(true);
    expect(SlaClockSchema.safeParse({ ...paused, dueAt: 'soon' }).success).toBe(false);
  });
});

describe('SlaPolicySchema', () => {
  it.each([
    [{ amount: 2, unit: 'working-days' }, true],
    [{ amount: 1, unit: 'elapsed-hours', warnAtFraction: 0.5 }, true],
    [{ amount: 0, unit: 'working-days' }, false],
    [{ amount: 2, unit: 'fortnights' }, false],
    [{ amount: 2, unit: 'business-hours', warnAtFraction: 1 }, false],
    [{ amount: 2, unit: 'business-hours', warnAtFraction: 0 }, false],
    [{ amount: 2, unit: 'business-hours', escalateTo: 'boss' }, false],
  ])('accepts %j: %s', (policy, valid) => {
    // Act / Assess
    expect(SlaPolicySchema.safeParse(policy).success).toBe(valid);
  });
});

describe('describeCommitment', () => {
  const now = at('2026-05-22T14:00:00Z');
  const dueWednesday = '2026-05-27T16:00:00.000Z';

  it('is written for web, SMS and face to face', () => {
    // Act / Assess
    expect(describeCommitment(dueWednesday, calendar, 'web', now)).toBe('by 5pm on Wednesday 27 May');
    expect(describeCommitment(at(dueWednesday), calendar, 'sms', now)).toBe('by 5pm on Wednesday 27 May');
    expect(describeCommitment(dueWednesday, calendar, 'face_to_face', now)).toBe('by 5pm on Wednesday 27 May');
  });

  it('is spoken for a voice reply', () => {
    // Act / Assess
    expect(describeCommitment(dueWednesday, calendar, 'voice', now)).toBe('by five p m on Wednesday the twenty-seventh of May');
    expect(describeCommitment(dueWednesday, calendar, 'phone', now)).toBe('by five p m on Wednesday the twenty-seventh of May');
  });

  it('gives the year when the due time is next year', () => {
    // Prepare
    const clock = startSla(workingDays(2), calendar, at('2026-12-23T10:00:00Z'));

    // Act / Assess
    expect(describeCommitment(clock.dueAt, calendar, 'web', at('2026-12-23T10:00:00Z'))).toBe('by 5pm on Tuesday 5 January 2027');
    expect(describeCommitment(clock.dueAt, calendar, 'voice', at('2026-12-23T10:00:00Z'))).toBe(
      'by five p m on Tuesday the fifth of January twenty twenty-seven',
    );
    expect(describeCommitment(clock.dueAt, calendar, 'web', at('2027-01-04T10:00:00Z'))).toBe('by 5pm on Tuesday 5 January');
  });

  it('says today for a short elapsed target, to the minute', () => {
    // Prepare: 45 minutes from 3pm on Monday 30 November 2026, received at 30 seconds past
    const receivedAt = at('2026-11-30T15:00:30Z');
    const clock = startSla(elapsedHours(0.75), calendar, receivedAt);

    // Act / Assess
    expect(describeCommitment(clock.dueAt, calendar, 'sms', receivedAt)).toBe('by 3:45pm today');
    expect(describeCommitment(clock.dueAt, calendar, 'voice', receivedAt)).toBe('by three forty-five p m today');
  });

  it('handles half past, noon, midnight and minutes under ten', () => {
    // Prepare
    const monday = at('2026-11-30T09:00:00Z');

    // Act / Assess
    expect(describeCommitment('2026-12-04T16:30:00Z', calendar, 'web', monday)).toBe('by 4:30pm on Friday 4 December');
    expect(describeCommitment('2026-12-04T16:30:00Z', calendar, 'voice', monday)).toBe(
      'by four thirty p m on Friday the fourth of December',
    );
    expect(describeCommitment('2026-11-30T12:00:00Z', calendar, 'web', monday)).toBe('by 12 noon today');
    expect(describeCommitment('2026-11-30T12:00:00Z', calendar, 'voice', monday)).toBe('by twelve noon today');
    expect(describeCommitment('2026-12-02T00:00:00Z', calendar, 'web', monday)).toBe('by midnight on Tuesday 1 December');
    expect(describeCommitment('2026-12-01T00:00:00Z', calendar, 'voice', monday)).toBe('by midnight today');
    expect(describeCommitment('2026-12-01T09:05:00Z', calendar, 'voice', monday)).toBe('by nine oh five a m on Tuesday the first of December');
    expect(describeCommitment('2026-12-01T00:30:00Z', calendar, 'web', monday)).toBe('by 12:30am on Tuesday 1 December');
  });
});

describe('the clock as an adviser sees it (viewSlaClock)', () => {
  // Thursday 26 November 2026 10:15 (GMT), 2 working days: due at close of business on Monday 30th.
  const clock = startSla(workingDays(2), calendar, at('2026-11-26T10:15:00Z'));

  it('counts the working time left on the business calendar: not the evening, the weekend or lunch', () => {
    expect(clock.dueAt).toBe('2026-11-30T17:00:00.000Z');
    // Friday 4pm: half an hour of Friday and Monday's 7.5 hours.
    expect(viewSlaClock(clock, calendar, at('2026-11-27T16:00:00Z'))).toEqual({
      state: 'on-track',
      dueAt: clock.dueAt,
      warnAt: clock.warnAt,
      asOf: '2026-11-27T16:00:00.000Z',
      workingMinutesLeft: 480,
      paused: false,
    });
    expect(viewSlaClock(clock, calendar, at('2026-11-28T12:00:00Z')).workingMinutesLeft).toBe(450);
    // Monday noon, past the warning point (three quarters of the open time): half an hour before lunch and 3.5 hours after it.
    expect(viewSlaClock(clock, calendar, at('2026-11-30T12:00:00Z'))).toMatchObject({ state: 'at-risk', workingMinutesLeft: 240 });
  });

  it('counts down to zero at the due minute', () => {
    expect(viewSlaClock(clock, calendar, at('2026-11-30T17:00:00Z'))).toMatchObject({ state: 'at-risk', workingMinutesLeft: 0 });
  });

  it('goes negative once breached: at least -1 after closing, then by the working time since', () => {
    expect(viewSlaClock(clock, calendar, at('2026-11-30T17:30:00Z'))).toMatchObject({ state: 'breached', workingMinutesLeft: -1 });
    expect(viewSlaClock(clock, calendar, at('2026-12-01T09:30:00Z'))).toMatchObject({ state: 'breached', workingMinutesLeft: -60 });
  });

  it('counts real time for an elapsed-hours target, day or night', () => {
    const urgent = startSla(elapsedHours(4), calendar, at('2026-11-28T10:00:00Z')); // a Saturday
    expect(minutesLeftAt(urgent, calendar, at('2026-11-28T13:00:00Z'))).toBe(60);
    expect(viewSlaClock(urgent, calendar, at('2026-11-28T15:30:00Z'))).toMatchObject({ state: 'breached', workingMinutesLeft: -90 });
  });

  it('holds the time left while paused', () => {
    const paused = pauseSla(clock, at('2026-11-27T16:00:00Z'));
    expect(viewSlaClock(paused, calendar, at('2026-12-03T12:00:00Z'))).toMatchObject({ state: 'paused', paused: true, workingMinutesLeft: 480 });
  });

  it('once resolved, says met or missed with the margin it was resolved with', () => {
    const now = at('2026-12-10T12:00:00Z');
    expect(viewSlaClock(clock, calendar, now, { resolvedAt: '2026-11-27T16:00:00.000Z', slaMet: true })).toMatchObject({ state: 'met', workingMinutesLeft: 480, paused: false });
    expect(viewSlaClock(clock, calendar, now, { resolvedAt: '2026-12-01T09:30:00.000Z', slaMet: false })).toMatchObject({ state: 'missed', workingMinutesLeft: -60 });
    // A case resolved before slaMet was recorded: judged by its due time.
    expect(viewSlaClock(clock, calendar, now, { resolvedAt: '2026-12-01T09:30:00.000Z' }).state).toBe('missed');
    expect(viewSlaClock(clock, calendar, now, { resolvedAt: '2026-11-30T17:00:00.000Z' }).state).toBe('met');
  });
});
