// Open311 GeoReport v2, the pure parts: paths, forms as FixMyStreet sends them, service
// definitions from the catalogue, cases as service requests, the query, and the XML writer.
import type { Context } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import type { HttpEvent } from '#adapters/http';
import { logger } from '#adapters/logger';
import { open311Handler } from '#channels/open311/http';
import type { ContactRecord, ContactStore, ContactOutcome, RecordResult } from '#app/contacts';
import { createServiceRequest, findServiceRequests, type CasesOpenedOnQuery, type Open311Deps } from '#channels/open311/requests';
import { catalogue } from '#catalogue/index';
import type { Case } from '#domain/case';
import { fixedClock } from '#domain/clock';
import type { Contact } from '#domain/contact';
import {
  attributesOf,
  contactFromSubmission,
  daysOf,
  detailsOf,
  endpointOf,
  formAttributes,
  formatOf,
  isOfferedOverOpen311,
  offeredService,
  open311DateTime,
  open311RequestOf,
  open311Services,
  open311StatusOf,
  Open311Error,
  parseDateTime,
  providerIdOf,
  readRequestQuery,
  readSubmission,
  renderOpen311,
  sameKey,
  samePlace,
  serviceDefinitionOf,
  statusNotesOf,
} from '#channels/open311/georeport';
import { escapeXml, xmlDocument, xmlElement, XmlWriteError } from '#channels/open311/xml';

const form = (entries: Array<[string, string]>) => new URLSearchParams(entries);
const service = (id: string) => catalogue.service(id)!;

/** The Open311Error a call throws, for asserting its status and wording. */
function open311ErrorOf(call: () => unknown): Open311Error {
  try {
    call();
  } catch (error) {
    if (error instanceof Open311Error) return error;
    throw error;
  }
  throw new Error('expected an Open311Error');
}

async function rejectionOf(promise: Promise<unknown>): Promise<Open311Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (error instanceof Open311Error) return error;
  throw new Error(`expected an Open311Error, got ${String(error)}`);
}

describe('paths and formats', () => {
  it('takes the format from the extension, and refuses a path without .json or .xml', () => {
    expect(formatOf('services.json')).toBe('json');
    expect(formatOf('requests/K7MD-Q9PX.XML')).toBe('xml');
    expect(open311ErrorOf(() => formatOf('services')).statusCode).toBe(400);
    expect(open311ErrorOf(() => formatOf('services.html')).message).toMatch(/'.html' is not a format/);
  });

  it('maps methods and paths to endpoints', () => {
    expect(endpointOf('GET', 'discovery.json')).toEqual({ kind: 'discovery' });
    expect(endpointOf('GET', 'services.xml')).toEqual({ kind: 'services' });
    expect(endpointOf('GET', 'services/pothole.json')).toEqual({ kind: 'service-definition', serviceCode: 'pothole' });
    expect(endpointOf('POST', 'requests.xml')).toEqual({ kind: 'create-request' });
    expect(endpointOf('GET', 'requests.json')).toEqual({ kind: 'find-requests' });
    expect(endpointOf('GET', 'requests/K7MD-Q9PX.json')).toEqual({ kind: 'request', id: 'K7MD-Q9PX' });
    expect(endpointOf('GET', 'request/K7MD-Q9PX.json')).toEqual({ kind: 'request', id: 'K7MD-Q9PX' });
    expect(endpointOf('GET', 'tokens/K7MD-Q9PX.xml')).toEqual({ kind: 'token', token: 'K7MD-Q9PX' });
  });

  it('answers 404 for unknown paths and 405 (with Allow) for the wrong method', () => {
    expect(open311ErrorOf(() => endpointOf('GET', 'potholes.json')).statusCode).toBe(404);
    expect(open311ErrorOf(() => endpointOf('GET', 'services/a/b.json')).statusCode).toBe(404);
    const wrongMethod = open311ErrorOf(() => endpointOf('POST', 'services.json'));
    expect(wrongMethod.statusCode).toBe(405);
    expect(wrongMethod.headers).toEqual({ allow: 'GET' });
  });
});

describe('form parsing', () => {
  it('merges attribute[code], attribute[code][] and repeated keys, in order, without empties or repeats', () => {
    // Act
    const attributes = formAttributes(
      form([
        ['attribute[bin-type]', 'recycling'],
        ['attribute[colour][]', 'green'],
        ['attribute[colour][]', 'blue'],
        ['attribute[colour]', 'green'],
        ['attribute[title]', ''],
        ['attribute[fixmystreet_id]', '1234'],
        ['attribute[easting]', '530000'],
        ['description', 'not an attribute'],
      ]),
    );

    // Assess
    expect([...attributes]).toEqual([
      ['bin-type', ['recycling']],
      ['colour', ['green', 'blue']],
      ['fixmystreet_id', ['1234']],
      ['easting', ['530000']],
    ]);
  });

  it('refuses an attribute without a code', () => {
    expect(open311ErrorOf(() => formAttributes(form([['attribute[]', 'x']]))).statusCode).toBe(400);
  });

  it('reads the standard fields; empty ones are absent; control characters are dropped', () => {
    // Act
    const submission = readSubmission(
      form([
        ['api_key', 'k'],
        ['jurisdiction_id', 'council.example.gov.uk'],
        ['service_code', 'pothole'],
        ['lat', '51.5072'],
        ['long', '-0.1276'],
        ['address_string', ''],
        ['email', 'Ada@Example.org'],
        ['first_name', 'Ada'],
        ['last_name', 'Lovelace'],
        ['phone', ''],
        ['description', 'Deep hole\u0000 by the kerb\u001b'],
        ['media_url', 'https://fms.example.org/photo/1.jpeg'],
      ]),
    );

    // Assess
    expect(submission).toEqual({
      serviceCode: 'pothole',
      location: { lat: 51.5072, lng: -0.1276 },
      description: 'Deep hole by the kerb',
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: 'Ada@Example.org',
      mediaUrls: ['https://fms.example.org/photo/1.jpeg'],
      attributes: new Map(),
    });
  });

  it.each([
    [[['service_code', 'pothole']], /a location is required/],
    [[['service_code', 'pothole'], ['lat', '51.5']], /send lat and long together/],
    [[['service_code', 'pothole'], ['lat', '95'], ['long', '0']], /lat '95' is not a WGS84 latitude/],
    [[['service_code', 'pothole'], ['lat', '51.5'], ['long', 'west']], /long 'west'/],
    [[['lat', '51.5'], ['long', '0']], /service_code is required/],
    [[['service_code', 'pothole'], ['address_string', 'High St'], ['media_url', 'javascript:alert(1)']], /media_url/],
  ] as Array<[Array<[string, string]>, RegExp]>)('refuses %j with a 400', (entries, message) => {
    const error = open311ErrorOf(() => readSubmission(form(entries)));
    expect(error.statusCode).toBe(400);
    expect(error.message).toMatch(message);
  });

  it('accepts an address_string or an address_id as the location', () => {
    expect(readSubmission(form([['service_code', 'pothole'], ['address_string', '1 High St']])).addressString).toBe('1 High St');
    expect(readSubmission(form([['service_code', 'pothole'], ['address_id', 'UPRN-100']])).addressId).toBe('UPRN-100');
  });

  it('checks a known singlevaluelist (by key or name); keeps unknown attributes; joins multi-value lists', () => {
    // Prepare
    const submission = readSubmission(
      form([
        ['service_code', 'missed-bin'],
        ['address_string', '12 High Street, AB1 2CD'],
        ['attribute[bin-type]', 'garden-waste'],
        ['attribute[collection-day]', ''],
        ['attribute[report_url]', 'https://fms.example.org/report/1'],
        ['attribute[colour]', 'green'],
        ['attribute[colour][]', 'brown'],
      ]),
    );

    // Act
    const details = detailsOf(submission, service('missed-bin'));

    // Assess
    expect(details).toEqual({
      'bin-type': 'garden waste',
      report_url: 'https://fms.example.org/report/1',
      colour: 'green, brown',
      address: '12 High Street, AB1 2CD',
    });
    const byName = readSubmission(form([['service_code', 'missed-bin'], ['address_id', '1'], ['attribute[bin-type]', 'Food Waste']]));
    expect(detailsOf(byName, service('missed-bin'))['bin-type']).toBe('food waste');
  });

  it('refuses a value that is not one of a singlevaluelist attribute\'s values, naming the attribute', () => {
    // Prepare
    const submission = readSubmission(form([['service_code', 'pothole'], ['lat', '51'], ['long', '0'], ['attribute[size]', 'enormous']]));

    // Act
    const error = open311ErrorOf(() => detailsOf(submission, service('pothole')));

    // Assess
    expect(error.statusCode).toBe(400);
    expect(error.message).toMatch(/^attribute\[size\] 'enormous' is not one of its values: smaller-than-a-dinner-plate/);
  });

  it('refuses two different values for a singlevaluelist', () => {
    const submission = readSubmission(
      form([['service_code', 'graffiti'], ['lat', '51'], ['long', '0'], ['attribute[offensive]', 'yes'], ['attribute[offensive]', 'no']]),
    );
    expect(open311ErrorOf(() => detailsOf(submission, service('graffiti'))).message).toMatch(/takes one value/);
  });

  it('makes a Contact for the chosen service: resident details normalised, the address as the location detail', () => {
    // Prepare
    const submission = readSubmission(
      form([
        ['service_code', 'fly-tipping'],
        ['lat', '52.2'],
        ['long', '0.12'],
        ['address_string', 'Mill Lane'],
        ['first_name', 'Grace'],
        ['last_name', 'Hopper'],
        ['email', 'Grace@Example.org'],
        ['phone', 'not a number'],
        ['description', 'Mattress dumped'],
        ['account_id', 'acc-9'],
      ]),
    );

    // Act
    const contact = contactFromSubmission(submission, service('fly-tipping'), { id: 'c1', providerId: 'p1', receivedAt: '2026-11-23T10:00:00.000Z' });

    // Assess
    expect(contact).toEqual({
      id: 'c1',
      channel: 'open311',
      providerId: 'p1',
      receivedAt: '2026-11-23T10:00:00.000Z',
      text: 'Mattress dumped',
      serviceId: 'fly-tipping',
      resident: { name: 'Grace Hopper', email: 'grace@example.org' },
      location: { lat: 52.2, lng: 0.12 },
      details: { location: 'Mill Lane', account_id: 'acc-9', phone: 'not a number' },
    });
  });

  it('takes the provider id from attribute[fixmystreet_id], else the Idempotency-Key header', () => {
    const withId = readSubmission(form([['service_code', 'litter'], ['address_id', '1'], ['attribute[fixmystreet_id]', '4242']]));
    const without = readSubmission(form([['service_code', 'litter'], ['address_id', '1']]));
    expect(providerIdOf(withId, 'ignored')).toBe('fixmystreet-4242');
    expect(providerIdOf(without, ' abc-1 ')).toBe('key-abc-1');
    expect(providerIdOf(without, undefined)).toBeUndefined();
    expect(open311ErrorOf(() => providerIdOf(without, 'has spaces in it')).statusCode).toBe(400);
  });

  it('compares API keys exactly', () => {
    expect(sameKey('dev-open311-key', 'dev-open311-key')).toBe(true);
    expect(sameKey('dev-open311-ke', 'dev-open311-key')).toBe(false);
    expect(sameKey('dev-open311-keyX', 'dev-open311-key')).toBe(false);
    expect(sameKey('', 'dev-open311-key')).toBe(false);
  });
});

describe('services and service definitions from the catalogue', () => {
  it('offers the hand-off services, not answers, self-service or personal matters', () => {
    // Act
    const codes = open311Services(catalogue).map((s) => s.service_code);

    // Assess
    expect(codes).toContain('pothole');
    expect(codes).toContain('missed-bin');
    expect(codes).not.toContain('bin-day'); // a look-up
    expect(codes).not.toContain('pay-council-tax'); // self-service
    expect(codes).not.toContain('child-safeguarding'); // social care
    expect(codes).not.toContain('housing-repair'); // housing
    expect(codes).toHaveLength(catalogue.services.filter(isOfferedOverOpen311).length);
  });

  it('describes a service: metadata only when it needs more than a location, group = area', () => {
    const services = open311Services(catalogue);
    expect(services.find((s) => s.service_code === 'pothole')).toEqual({
      service_code: 'pothole',
      service_name: service('pothole').name,
      description: 'Highways aim to deal with it within 5 working days.',
      metadata: true,
      type: 'realtime',
      keywords: service('pothole').words.join(', '),
      group: 'roads',
    });
    expect(services.find((s) => s.service_code === 'litter')?.metadata).toBe(false);
  });

  it('turns requiredDetails into attributes: choice -> singlevaluelist, text -> string, date -> datetime; location is not one', () => {
    // Act
    const definition = serviceDefinitionOf('missed-bin', catalogue);

    // Assess
    expect(definition).toEqual({
      service_code: 'missed-bin',
      attributes: [
        {
          variable: true,
          code: 'bin-type',
          datatype: 'singlevaluelist',
          required: false,
          datatype_description: 'One of the values, by its key',
          order: 1,
          description: 'Which bin was missed?',
          values: [
            { key: 'general-waste', name: 'general waste' },
            { key: 'recycling', name: 'recycling' },
            { key: 'garden-waste', name: 'garden waste' },
            { key: 'food-waste', name: 'food waste' },
          ],
        },
        {
          variable: true,
          code: 'collection-day',
          datatype: 'datetime',
          required: false,
          datatype_description: 'A date (YYYY-MM-DD), or a date and time in ISO 8601',
          order: 2,
          description: 'Which day was it due to be collected?',
        },
      ],
    });
    expect(attributesOf(service('fly-tipping')).map((a) => [a.code, a.datatype])).toEqual([['description', 'string']]);
    expect(attributesOf(service('street-light-fault')).map((a) => [a.code, a.datatype])).toEqual([['column-number', 'string']]);
  });

  it('404s an unknown service code; a service that is not a report is a 400 saying why', () => {
    expect(open311ErrorOf(() => serviceDefinitionOf('moon-landing', catalogue)).statusCode).toBe(404);
    expect(open311ErrorOf(() => offeredService('moon-landing', catalogue)).statusCode).toBe(404);
    const answered = open311ErrorOf(() => offeredService('pay-council-tax', catalogue));
    expect(answered.statusCode).toBe(400);
    expect(answered.message).toMatch(/answered at first contact/);
    expect(open311ErrorOf(() => offeredService('child-safeguarding', catalogue)).message).toMatch(/personal matter/);
  });
});

function caseOf(overrides: Partial<Case> = {}): Case {
  return {
    reference: 'K7MD-Q9PX',
    status: 'open',
    version: 1,
    serviceId: 'pothole',
    serviceName: service('pothole').name,
    teamId: 'highways',
    channel: 'open311',
    contactId: 'c1',
    description: 'Deep pothole',
    resident: { email: 'ada@example.org' },
    customerKey: 'EMAIL#ada@example.org',
    location: { lat: 51.5, lng: -0.12 },
    details: { location: 'Mill Lane', media_url: 'https://fms.example.org/1.jpeg https://fms.example.org/2.jpeg' },
    priority: 'normal',
    sla: {
      policy: { amount: 5, unit: 'working-days' },
      startedAt: '2026-07-01T09:00:00.000Z',
      warnAt: '2026-07-06T09:00:00.000Z',
      dueAt: '2026-07-08T16:00:00.000Z',
      pauses: [],
    } as unknown as Case['sla'],
    routing: { confidence: 1, explanation: [] },
    repeatContacts: 0,
    catalogueVersion: 'test',
    createdAt: '2026-07-01T09:00:00.000Z',
    updatedAt: '2026-07-02T10:30:00.000Z',
    ...overrides,
  };
}

describe('cases as service requests', () => {
  it('maps statuses: resolved is closed, everything else open', () => {
    expect(open311StatusOf('open')).toBe('open');
    expect(open311StatusOf('accepted')).toBe('open');
    expect(open311StatusOf('awaiting-resident')).toBe('open');
    expect(open311StatusOf('returned-to-csn')).toBe('open');
    expect(open311StatusOf('resolved')).toBe('closed');
    expect(statusNotesOf('resolved', 'Highways')).toBe('Resolved by Highways.');
  });

  it('writes datetimes in ISO 8601 with the London offset', () => {
    expect(open311DateTime('2026-07-01T09:00:00.000Z')).toBe('2026-07-01T10:00:00+01:00');
    expect(open311DateTime('2026-12-01T09:00:05.000Z')).toBe('2026-12-01T09:00:05+00:00');
  });

  it('reads a case reported through Open311 in full', () => {
    expect(open311RequestOf(caseOf(), catalogue)).toEqual({
      service_request_id: 'K7MD-Q9PX',
      status: 'open',
      status_notes: 'Passed to Highways.',
      service_name: service('pothole').name,
      service_code: 'pothole',
      description: 'Deep pothole',
      agency_responsible: 'Highways',
      requested_datetime: '2026-07-01T10:00:00+01:00',
      updated_datetime: '2026-07-02T11:30:00+01:00',
      expected_datetime: '2026-07-08T17:00:00+01:00',
      address: 'Mill Lane',
      lat: 51.5,
      long: -0.12,
      media_url: 'https://fms.example.org/1.jpeg',
    });
  });

  it("gives only service, status and times for a case from another channel (the resident's words stay private)", () => {
    const request = open311RequestOf(caseOf({ channel: 'phone', status: 'resolved' }), catalogue);
    expect(request).not.toHaveProperty('description');
    expect(request).not.toHaveProperty('address');
    expect(request).not.toHaveProperty('lat');
    expect(request.status).toBe('closed');
  });

  it('cuts a description over 4000 characters', () => {
    const request = open311RequestOf(caseOf({ description: 'x'.repeat(5000) }), catalogue);
    expect(request.description).toHaveLength(4000);
  });
});

describe('GET requests: the query', () => {
  const now = new Date('2026-11-23T12:00:00Z');

  it('defaults to the 90 days up to now, all statuses', () => {
    expect(readRequestQuery({}, now)).toEqual({ kind: 'range', from: new Date('2026-08-25T12:00:00Z'), to: now });
  });

  it('reads start_date, end_date, status and service_code', () => {
    expect(
      readRequestQuery({ start_date: '2026-11-01T00:00:00+00:00', end_date: '2026-11-02', status: 'closed', service_code: 'pothole' }, now),
    ).toEqual({
      kind: 'range',
      from: new Date('2026-11-01T00:00:00Z'),
      to: new Date('2026-11-02T23:59:59.999Z'),
      serviceCode: 'pothole',
      status: 'closed',
    });
    expect(readRequestQuery({ status: 'open,closed' }, now)).not.toHaveProperty('status');
  });

  it('lets service_request_id override everything else', () => {
    expect(readRequestQuery({ service_request_id: 'k7md-q9px, K7MD-Q9PX,nonsense,AAAA-3AAA', status: 'bogus' }, now)).toEqual({
      kind: 'ids',
      references: ['K7MD-Q9PX', 'AAAA-3AAA'],
    });
  });

  it.each([
    [{ start_date: 'yesterday' }, /start_date 'yesterday' is not an ISO 8601/],
    [{ end_date: '2026-02-30' }, /end_date/],
    [{ start_date: '2026-01-01T00:00:00Z', end_date: '2026-06-01T00:00:00Z' }, /at most 90 days/],
    [{ start_date: '2026-11-20T00:00:00Z', end_date: '2026-11-10T00:00:00Z' }, /after end_date/],
    [{ status: 'pending' }, /status 'pending'/],
  ])('refuses %j', (params, message) => {
    const error = open311ErrorOf(() => readRequestQuery(params, now));
    expect(error.statusCode).toBe(400);
    expect(error.message).toMatch(message);
  });

  it('reads offsets, and a + that arrived as a space', () => {
    expect(parseDateTime('2026-07-01T10:00:00+01:00', 'x').toISOString()).toBe('2026-07-01T09:00:00.000Z');
    expect(parseDateTime('2026-07-01T10:00:00 01:00', 'x').toISOString()).toBe('2026-07-01T09:00:00.000Z');
    expect(parseDateTime('2026-07-01T10:00', 'x').toISOString()).toBe('2026-07-01T10:00:00.000Z');
  });

  it('lists the UTC days of a range, newest first', () => {
    expect(daysOf(new Date('2026-10-30T23:00:00Z'), new Date('2026-11-02T01:00:00Z'))).toEqual([
      '2026-11-02',
      '2026-11-01',
      '2026-10-31',
      '2026-10-30',
    ]);
  });
});

describe('reports at the same place', () => {
  const report = (location?: { lat: number; lng: number }, details: Record<string, string> = {}): Contact => ({
    id: 'c2',
    channel: 'open311',
    providerId: 'p2',
    receivedAt: '2026-07-03T09:00:00.000Z',
    text: 'pothole',
    serviceId: 'pothole',
    resident: {},
    ...(location ? { location } : {}),
    details,
  });

  it('are within 50 metres, or at the same address when there are no coordinates', () => {
    expect(samePlace(report({ lat: 51.5002, lng: -0.12 }), caseOf(), catalogue)).toBe(true); // about 22 m
    expect(samePlace(report({ lat: 51.501, lng: -0.12 }), caseOf(), catalogue)).toBe(false); // about 111 m
    expect(samePlace(report(undefined, { location: 'mill lane' }), caseOf({ location: undefined }), catalogue)).toBe(true);
    expect(samePlace(report(undefined, { location: 'Mill Road' }), caseOf({ location: undefined }), catalogue)).toBe(false);
  });
});

describe('the application: POST and GET requests', () => {
  /** The DynamoDB store's contract, in memory: a contact is recorded once per provider id. */
  class MemoryStore implements ContactStore {
    contacts = new Map<string, ContactOutcome>();
    cases = new Map<string, Case>();
    async findOutcome(channel: string, providerId: string) {
      return this.contacts.get(`${channel}#${providerId}`);
    }
    async getCase(reference: string) {
      return this.cases.get(reference);
    }
    async openCasesOf(customerKey: string) {
      return [...this.cases.values()].filter((c) => c.customerKey === customerKey && c.status !== 'resolved');
    }
    async record({ contact, plan }: ContactRecord): Promise<RecordResult> {
      const key = `${contact.channel}#${contact.providerId}`;
      if (this.contacts.has(key)) return 'duplicate';
      this.contacts.set(key, plan.outcome);
      if (plan.write === 'case') this.cases.set(plan.case.reference, plan.case);
      return 'recorded';
    }
  }

  function depsWith(store = new MemoryStore()) {
    let n = 0;
    const queried: Array<{ day: string; query: CasesOpenedOnQuery }> = [];
    const deps: Open311Deps = {
      contacts: { store, catalogue, clock: fixedClock('2026-11-23T10:00:00Z'), newReference: () => `REF-${++n}` },
      store: {
        casesByReference: async (references) => references.flatMap((r) => store.cases.get(r) ?? []),
        casesOpenedOn: async (day, query) => {
          queried.push({ day, query });
          return [...store.cases.values()].filter((c) => c.createdAt.startsWith(day));
        },
      },
      apiKeys: async () => ['key-one', 'key-two'],
      newId: () => `id-${++n}`,
    };
    return { deps, store, queried };
  }

  const report = (extra: Array<[string, string]> = []) =>
    form([['api_key', 'key-two'], ['service_code', 'pothole'], ['lat', '51.5'], ['long', '-0.12'], ['email', 'ada@example.org'], ...extra]);

  it('403s a missing or wrong api_key before reading anything else', async () => {
    const { deps, store } = depsWith();
    expect((await rejectionOf(createServiceRequest(form([['service_code', 'pothole']]), {}, deps))).statusCode).toBe(403);
    expect((await rejectionOf(createServiceRequest(form([['api_key', 'key-three']]), {}, deps))).statusCode).toBe(403);
    expect(store.contacts.size).toBe(0);
  });

  it('accepts the api_key in the query string too', async () => {
    const { deps } = depsWith();
    const body = report().toString().replace('api_key=key-two&', '');
    const [created] = await createServiceRequest(new URLSearchParams(body), { apiKeyInQuery: 'key-one' }, deps);
    expect(created?.service_request_id).toMatch(/^REF-/);
  });

  it('answers a retried FixMyStreet report with the first id and records nothing new', async () => {
    // Prepare
    const { deps, store } = depsWith();
    const first = await createServiceRequest(report([['attribute[fixmystreet_id]', '77']]), {}, deps);

    // Act
    const again = await createServiceRequest(report([['attribute[fixmystreet_id]', '77']]), {}, deps);

    // Assess
    expect(again).toEqual(first);
    expect(store.cases.size).toBe(1);
    expect(store.contacts.size).toBe(1);
  });

  it('opens a new case for a second report by the same resident at another place, and links one at the same place', async () => {
    // Prepare
    const { deps, store } = depsWith();
    const [first] = await createServiceRequest(report(), {}, deps);
    const elsewhere = form([...report()].map(([k, v]) => [k, k === 'lat' ? '51.6' : v] as [string, string]));

    // Act
    const [second] = await createServiceRequest(elsewhere, {}, deps);
    const [again] = await createServiceRequest(report(), {}, deps);

    // Assess
    expect(second?.service_request_id).not.toBe(first?.service_request_id);
    expect(again?.service_request_id).toBe(first?.service_request_id);
    expect(store.cases.size).toBe(2);
  });

  it('queries one day at a time, newest first, over the range', async () => {
    // Prepare
    const { deps, queried } = depsWith();

    // Act
    await findServiceRequests({ start_date: '2026-11-01T00:00:00Z', end_date: '2026-11-10T12:00:00Z', status: 'open' }, deps);

    // Assess
    expect(queried.map((q) => q.day)).toEqual(daysOf(new Date('2026-11-01T00:00:00Z'), new Date('2026-11-10T12:00:00Z')));
    expect(queried).toHaveLength(10);
    expect(queried[0]?.query).toMatchObject({ from: '2026-11-01T00:00:00.000Z', to: '2026-11-10T12:00:00.000Z', status: 'open', limit: 1000 });
    expect(queried[0]?.query.serviceIds).toContain('pothole');
    expect(queried[0]?.query.serviceIds).not.toContain('child-safeguarding');
  });

  it('stops at 1000 results', async () => {
    // Prepare
    const { deps, queried } = depsWith();
    deps.store.casesOpenedOn = async (day, query) => {
      queried.push({ day, query });
      return Array.from({ length: Math.min(query.limit, 300) }, (_, i) => caseOf({ reference: `${day}-${i}` }));
    };

    // Act
    const found = await findServiceRequests({}, deps);

    // Assess
    expect(found).toHaveLength(1000);
    expect(queried.length).toBeLessThan(daysOf(new Date('2026-08-25T10:00:00Z'), new Date('2026-11-23T10:00:00Z')).length);
  });
});

describe('the XML writer', () => {
  it('escapes markup and quotes, keeps CR as a reference, and drops what XML cannot carry', () => {
    expect(escapeXml(`<script>alert("x") & 'y'</script>`)).toBe('&lt;script&gt;alert(&quot;x&quot;) &amp; &apos;y&apos;&lt;/script&gt;');
    expect(escapeXml('a\r\nb\tc\u0000d\u001be\uFFFEf\uD800g')).toBe('a&#13;\nb\tcdefg');
    expect(escapeXml(']]> 😀')).toBe(']]&gt; 😀');
  });

  it('writes objects as child elements, lists with their item names, and leaves out null and undefined', () => {
    expect(
      xmlElement(
        'service_definition',
        { service_code: 'x', attributes: [{ code: 'a', values: [{ key: 'k', name: 'n' }], order: 1, required: false, description: null }] },
        { attributes: 'attribute', values: 'value' },
      ),
    ).toBe(
      '<service_definition><service_code>x</service_code><attributes><attribute><code>a</code><values><value><key>k</key><name>n</name></value></values><order>1</order><required>false</required></attribute></attributes></service_definition>',
    );
    expect(xmlDocument('errors', [], { errors: 'error' })).toBe('<?xml version="1.0" encoding="utf-8"?>\n<errors></errors>\n');
  });

  it('refuses element names that are not XML names, and lists without an item name', () => {
    expect(() => xmlElement('a b', 'x', {})).toThrow(XmlWriteError);
    expect(() => xmlElement('<x>', 'x', {})).toThrow(XmlWriteError);
    expect(() => xmlElement('things', [1], {})).toThrow(/no element name/);
  });

  it('writes Open311 documents in both formats; JSON cannot be read as HTML either', () => {
    const requests = [{ service_request_id: 'K7MD-Q9PX', description: '<img src=x onerror=alert(1)>' }];
    expect(renderOpen311('xml', 'service_requests', requests)).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<service_requests><request><service_request_id>K7MD-Q9PX</service_request_id><description>&lt;img src=x onerror=alert(1)&gt;</description></request></service_requests>\n',
    );
    const json = renderOpen311('json', 'service_requests', requests);
    expect(json).not.toContain('<');
    expect(JSON.parse(json)).toEqual(requests);
    expect(renderOpen311('xml', 'errors', [{ code: 403, description: 'api_key is not one we issued' }])).toContain(
      '<errors><error><code>403</code><description>api_key is not one we issued</description></error></errors>',
    );
  });
});

describe('the Open311 edge', () => {
  const event = (method: string, proxy: string, headers: Record<string, string> = {}, body?: string): HttpEvent => ({
    version: '2.0',
    routeKey: `${method} /open311/v2/{proxy+}`,
    rawPath: `/open311/v2/${proxy}`,
    rawQueryString: '',
    headers,
    pathParameters: { proxy },
    requestContext: {
      accountId: '000000000000',
      apiId: 'test',
      domainName: 'api.example.org',
      domainPrefix: 'api',
      http: { method, path: `/open311/v2/${proxy}`, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: 'request-1',
      routeKey: `${method} /open311/v2/{proxy+}`,
      stage: '$default',
      time: '23/Nov/2026:10:15:00 +0000',
      timeEpoch: 1_795_688_100_000,
    },
    ...(body === undefined ? {} : { body }),
    isBase64Encoded: false,
  });
  const context = { awsRequestId: 'aws-request-9' } as Context;

  it('answers an unexpected failure with a 500 that names no detail, in the format asked for', async () => {
    // Prepare
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => undefined);
    const handler = open311Handler(async () => {
      throw new Error('ResourceNotFoundException: table frontdoor-secret-name');
    });

    // Act
    const result = await handler(event('GET', 'services.xml'), context);

    // Assess
    expect(result.statusCode).toBe(500);
    expect(result.headers?.['content-type']).toBe('text/xml; charset=utf-8');
    expect(result.body).toBe(
      '<?xml version="1.0" encoding="utf-8"?>\n<errors><error><code>500</code><description>something went wrong on our side; please try again (request aws-request-9)</description></error></errors>\n',
    );
    expect(logged).toHaveBeenCalledOnce();
    logged.mockRestore();
  });

  it('answers errors in the format of the path, and in JSON when the format is unknown', async () => {
    const handler = open311Handler(async () => ({ root: 'services', body: [] }));
    const notFound = await handler(event('GET', 'nothing-here.xml'), context);
    expect(notFound.statusCode).toBe(404);
    expect(notFound.body).toContain('<errors><error><code>404</code>');
    const noFormat = await handler(event('GET', 'services.txt'), context);
    expect(noFormat.statusCode).toBe(400);
    expect(JSON.parse(noFormat.body!)).toEqual([{ code: 400, description: expect.stringContaining('services.json or .xml') }]);
    const wrongMethod = await handler(event('POST', 'services.json'), context);
    expect(wrongMethod.statusCode).toBe(405);
    expect(wrongMethod.headers?.allow).toBe('GET');
    const served = await handler(event('GET', 'services.json'), context);
    expect(served).toMatchObject({ statusCode: 200, body: '[]', headers: { 'x-content-type-options': 'nosniff' } });
  });
});
