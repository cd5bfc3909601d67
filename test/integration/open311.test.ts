// Open311 GeoReport v2 through the local gateway, against DynamoDB Local and the SQS emulator.
// Every response, in JSON and in XML, is checked against the GeoReport v2 JSON Schemas in
// data/open311-georeport-v2-schemas/ (XML parsed into the same shape, lists as arrays).
import { readFileSync } from 'node:fs';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import Ajv, { type AnySchema, type ValidateFunction } from 'ajv';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { db, queueUrl, stack, tableItemCount, takeFromQueue } from '../support/stack.ts';

const API_KEY = process.env.OPEN311_API_KEYS?.split(',')[0]?.trim() || 'dev-open311-key';

// ---------------------------------------------------------------------------------------------
// The contract

type Schema = Record<string, any>;
const schemaFile = (name: string): Schema =>
  JSON.parse(readFileSync(new URL(`../../data/open311-georeport-v2-schemas/${name}`, import.meta.url), 'utf8'));
const swagger = schemaFile('swagger.json');

/** The folder has no schema for discovery or errors: these follow the GeoReport v2 specification's text. */
const discoverySchema: Schema = {
  type: 'object',
  required: ['changeset', 'contact', 'endpoints'],
  properties: {
    changeset: { type: 'string', format: 'date-time' },
    contact: { type: 'string' },
    key_service: { type: 'string' },
    endpoints: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['specification', 'url', 'changeset', 'type', 'formats'],
        properties: {
          specification: { type: 'string', format: 'uri' },
          url: { type: 'string', format: 'uri' },
          changeset: { type: 'string', format: 'date-time' },
          type: { type: 'string', enum: ['production', 'test'] },
          formats: { type: 'array', items: { type: 'string', enum: ['text/xml', 'application/json'] } },
        },
      },
    },
  },
};
const errorsSchema: Schema = {
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    required: ['code', 'description'],
    properties: { code: { type: 'integer' }, description: { type: 'string', minLength: 1 } },
  },
};

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;
const ajv = new Ajv({ allErrors: true, strictTypes: false });
ajv.addFormat('date-time', { validate: (text: string) => RFC3339.test(text) && !Number.isNaN(Date.parse(text)) });
ajv.addFormat('uri', { validate: (text: string) => URL.canParse(text) });
ajv.addFormat('uid', true);
ajv.addSchema(schemaFile('request.json'), 'request.json');
ajv.addSchema(schemaFile('service.json'), 'service.json');

const schemas = {
  discovery: discoverySchema,
  services: schemaFile('services.json'),
  serviceDefinition: schemaFile('service-definition.json'),
  requests: schemaFile('requests.json'),
  created: { type: 'array', minItems: 1, items: swagger.definitions.RequestResponse },
  tokens: { type: 'array', minItems: 1, items: swagger.definitions.TokenResponse },
  errors: errorsSchema,
} satisfies Record<string, Schema>;
type Contract = keyof typeof schemas;
const validators = Object.fromEntries(Object.entries(schemas).map(([name, s]) => [name, ajv.compile(s as AnySchema)])) as Record<
  Contract,
  ValidateFunction
>;

function expectValid(contract: Contract, body: unknown): void {
  const validate = validators[contract];
  const valid = validate(body);
  expect(valid, `${contract}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 500)}`).toBe(true);
}

// ---------------------------------------------------------------------------------------------
// XML into the JSON shape: a list is its wrapper's repeated child; text is typed by the schema.

const LIST_ITEMS = new Set(['service', 'request', 'attribute', 'value', 'error', 'endpoint', 'format']);
const parser = new XMLParser({ ignoreAttributes: true, ignoreDeclaration: true, parseTagValue: false, trimValues: false, isArray: (name) => LIST_ITEMS.has(name) });

function resolve(schema: Schema): Schema {
  return typeof schema.$ref === 'string' ? resolve(schemaFile(schema.$ref)) : schema;
}

function typesOf(schema: Schema): string[] {
  const s = resolve(schema);
  if (s.type) return [s.type].flat();
  if (s.anyOf) return s.anyOf.flatMap(typesOf);
  if (s.properties) return ['object'];
  return [];
}

function shaped(value: unknown, schema: Schema): unknown {
  const s = resolve(schema);
  const types = typesOf(s);
  if (types.includes('array')) {
    if (value === '' || value === undefined) return [];
    const [items = []] = Object.values(value as Record<string, unknown[]>);
    return items.map((item) => shaped(item, s.items ?? {}));
  }
  if (types.includes('object') && typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, s.properties?.[key] ? shaped(child, s.properties[key]) : child]));
  }
  if (types.includes('number') || types.includes('integer')) return Number(value);
  if (types.includes('boolean')) return value === 'true' ? true : value === 'false' ? false : value;
  return value;
}

const ROOTS: Record<Contract, string> = {
  discovery: 'discovery',
  services: 'services',
  serviceDefinition: 'service_definition',
  requests: 'service_requests',
  created: 'service_requests',
  tokens: 'service_requests',
  errors: 'errors',
};

function fromXml(contract: Contract, xml: string): unknown {
  const document = parser.parse(xml) as Record<string, unknown>;
  expect(Object.keys(document)).toEqual([ROOTS[contract]]);
  return shaped(document[ROOTS[contract]], schemas[contract]);
}

// ---------------------------------------------------------------------------------------------
// Calls

interface Answer {
  status: number;
  contentType: string;
  text: string;
  body: any;
}

async function call(method: 'GET' | 'POST', path: string, contract: Contract, init: { form?: URLSearchParams | string; headers?: Record<string, string> } = {}): Promise<Answer> {
  const response = await fetch(`${stack.url}/open311/v2/${path}`, {
    method,
    headers: init.form === undefined ? init.headers : { 'content-type': 'application/x-www-form-urlencoded', ...init.headers },
    ...(init.form === undefined ? {} : { body: init.form.toString() }),
  });
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  const body = contentType.startsWith('text/xml') ? fromXml(contract, text) : JSON.parse(text);
  expectValid(contract, body);
  return { status: response.status, contentType, text, body };
}

const get = (path: string, contract: Contract) => call('GET', path, contract);
const post = (path: string, form: URLSearchParams | string, contract: Contract = 'created', headers: Record<string, string> = {}) =>
  call('POST', path, contract, { form, headers });

let sequence = 0;
/** A unique resident, so no report is linked to another test's open case. */
const unique = () => `${Date.now()}-${++sequence}`;

function report(fields: Record<string, string> = {}): URLSearchParams {
  return new URLSearchParams({
    api_key: API_KEY,
    service_code: 'pothole',
    lat: '52.2053',
    long: '0.1218',
    address_string: 'Mill Lane, Cambridge',
    email: `resident-${unique()}@example.org`,
    first_name: 'Ada',
    last_name: 'Lovelace',
    description: 'A deep pothole by the bus stop',
    ...fields,
  });
}

async function caseItem(reference: string) {
  const { Item } = await db.send(new GetCommand({ TableName: stack.tableName, Key: { pk: `CASE#${reference}`, sk: 'CASE' } }));
  return Item;
}

// ---------------------------------------------------------------------------------------------

describe('Open311 documents in JSON and XML', () => {
  it('discovery names this endpoint and both formats', async () => {
    const json = await get('discovery.json', 'discovery');
    const xml = await get('discovery.xml', 'discovery');

    expect(json.status).toBe(200);
    expect(json.contentType).toMatch(/^application\/json/);
    expect(json.body.endpoints[0].url).toBe(`${stack.url}/open311/v2/`);
    expect(xml.status).toBe(200);
    expect(xml.contentType).toMatch(/^text\/xml/);
    expect(xml.body).toEqual(json.body);
  });

  it('services lists the services that can be reported, the same in both formats', async () => {
    const json = await get('services.json', 'services');
    const xml = await get('services.xml', 'services');

    expect(json.status).toBe(200);
    expect(xml.status).toBe(200);
    expect(xml.body).toEqual(json.body);
    const codes = json.body.map((s: { service_code: string }) => s.service_code);
    expect(codes).toEqual(expect.arrayContaining(['pothole', 'missed-bin', 'fly-tipping']));
    expect(codes).not.toContain('child-safeguarding');
    expect(json.body.find((s: { service_code: string }) => s.service_code === 'pothole')).toMatchObject({ metadata: true, type: 'realtime', group: 'roads' });
  });

  it('services/{code} defines its attributes from the catalogue', async () => {
    const json = await get('services/missed-bin.json', 'serviceDefinition');
    const xml = await get('services/missed-bin.xml', 'serviceDefinition');

    expect(json.status).toBe(200);
    expect(xml.body).toEqual(json.body);
    expect(json.body.attributes.map((a: { code: string; datatype: string }) => [a.code, a.datatype])).toEqual([
      ['bin-type', 'singlevaluelist'],
      ['collection-day', 'datetime'],
    ]);
    expect(json.body.attributes[0].values).toContainEqual({ key: 'garden-waste', name: 'garden waste' });
  });

  it('services/{code} for a code we do not have is a 404 in Open311 error format', async () => {
    const json = await get('services/moon-landing.json', 'errors');
    const xml = await get('services/moon-landing.xml', 'errors');

    expect(json.status).toBe(404);
    expect(json.body[0]).toEqual({ code: 404, description: expect.stringContaining("service_code 'moon-landing' is not a service we offer") });
    expect(xml.status).toBe(404);
    expect(xml.body).toEqual(json.body);
  });

  it('a path without a format is a 400, an unknown path a 404, tokens/{id} gives the id back', async () => {
    expect((await get('services', 'errors')).status).toBe(400);
    expect((await get('services.html', 'errors')).status).toBe(400);
    expect((await get('potholes.xml', 'errors')).status).toBe(404);
    expect((await get('tokens/AAAA-AAAA.json', 'errors')).status).toBe(404);
    const [created] = (await post('requests.json', report())).body;
    const token = await get(`tokens/${created.service_request_id}.xml`, 'tokens');
    expect(token.status).toBe(200);
    expect(token.body).toEqual([{ token: created.service_request_id, service_request_id: created.service_request_id }]);
  });
});

describe('POST then GET a service request', () => {
  for (const format of ['json', 'xml'] as const) {
    it(`in ${format}: the case is opened, and GET requests shows it with its team and due time`, async () => {
      // Prepare
      const before = new Date(Date.now() - 60_000).toISOString();

      // Act
      const created = await post(`requests.${format}`, report({ description: `Pothole (${format})` }));
      const [{ service_request_id: id, service_notice: notice }] = created.body;
      const one = await get(`requests/${id}.${format}`, 'requests');
      const byId = await get(`requests.${format}?service_request_id=${id},AAAA-AAAA`, 'requests');
      const byRange = await get(`requests.${format}?start_date=${encodeURIComponent(before)}&service_code=pothole&status=open`, 'requests');

      // Assess
      expect(created.status).toBe(200);
      expect(notice).toContain(id);
      const item = await caseItem(id);
      expect(item?.case).toMatchObject({ channel: 'open311', serviceId: 'pothole', teamId: 'highways', location: { lat: 52.2053, lng: 0.1218 } });
      expect(one.status).toBe(200);
      expect(one.body).toEqual([
        {
          service_request_id: id,
          status: 'open',
          status_notes: 'Passed to Highways.',
          service_name: item?.case.serviceName,
          service_code: 'pothole',
          description: `Pothole (${format})`,
          agency_responsible: 'Highways',
          requested_datetime: expect.stringMatching(/[+-]\d{2}:\d{2}$/),
          updated_datetime: expect.stringMatching(/[+-]\d{2}:\d{2}$/),
          expected_datetime: expect.stringMatching(/[+-]\d{2}:\d{2}$/),
          address: 'Mill Lane, Cambridge',
          lat: 52.2053,
          long: 0.1218,
        },
      ]);
      // Open311 datetimes are written to the second.
      const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);
      expect(seconds(one.body[0].expected_datetime)).toBe(seconds(item?.case.sla.dueAt));
      expect(seconds(one.body[0].requested_datetime)).toBe(seconds(item?.case.createdAt));
      expect(byId.body).toEqual(one.body);
      expect(byRange.body).toContainEqual(one.body[0]);
    });
  }

  it('GET requests/{id} is the same in both formats; an unknown id is a 404', async () => {
    const [{ service_request_id: id }] = (await post('requests.json', report())).body;

    const json = await get(`requests/${id}.json`, 'requests');
    const xml = await get(`requests/${id}.xml`, 'requests');

    expect(xml.body).toEqual(json.body);
    expect((await get('requests/AAAA-AAAA.xml', 'errors')).status).toBe(404);
    expect((await get('requests/not-a-reference.json', 'errors')).status).toBe(404);
  });

  it('GET requests over a range comes back newest first, the same in both formats', async () => {
    const start = encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString());

    const json = await get(`requests.json?start_date=${start}`, 'requests');
    const xml = await get(`requests.xml?start_date=${start}`, 'requests');

    expect(json.status).toBe(200);
    expect(json.body.length).toBeGreaterThan(0);
    expect(xml.body).toEqual(json.body);
    const times = json.body.map((r: { requested_datetime: string }) => Date.parse(r.requested_datetime));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect((await get('requests.xml?start_date=2020-01-01T00:00:00Z&end_date=2021-01-01T00:00:00Z', 'errors')).status).toBe(400);
  });
});

describe('FixMyStreet', () => {
  /** As FixMyStreet's Open311 client sends a report: every attribute it stores, optional ones empty. */
  function fixMyStreetReport(fixMyStreetId: string): URLSearchParams {
    return new URLSearchParams([
      ['api_key', API_KEY],
      ['jurisdiction_id', 'council.example.gov.uk'],
      ['service_code', 'missed-bin'],
      ['lat', '52.2000'],
      ['long', '0.1300'],
      ['address_string', '12 High Street, Cambridge CB1 1AA'],
      ['email', `fms-${unique()}@example.org`],
      ['first_name', 'Grace'],
      ['last_name', 'Hopper'],
      ['phone', ''],
      ['account_id', ''],
      ['description', 'Missed bin: The recycling was not collected this morning'],
      ['media_url', 'https://fixmystreet.example.org/photo/1.full.jpeg'],
      ['attribute[bin-type]', 'recycling'],
      ['attribute[collection-day]', ''],
      ['attribute[fixmystreet_id]', fixMyStreetId],
      ['attribute[title]', 'Missed bin'],
      ['attribute[description]', 'The recycling was not collected this morning'],
      ['attribute[report_url]', `https://fixmystreet.example.org/report/${fixMyStreetId}`],
      ['attribute[easting]', '545000'],
      ['attribute[northing]', '258000'],
      ['attribute[closest_address]', ''],
      ['attribute[containers]', 'blue box'],
      ['attribute[containers]', 'green bin'],
      ['attribute[containers][]', 'blue box'],
    ]);
  }

  it('accepts its XML report, keeps every attribute it sent, and the hand-off reaches the team queue', async () => {
    // Act
    const created = await post('requests.xml', fixMyStreetReport(`fms-${unique()}`));
    const id = created.body[0].service_request_id as string;
    const messages = await takeFromQueue(queueUrl('waste-services'), (m) => JSON.parse(m.Body ?? '{}').caseReference === id);

    // Assess
    expect(created.status).toBe(200);
    expect(created.text).toContain(`<service_request_id>${id}</service_request_id>`);
    expect(messages).toHaveLength(1);
    const handoff = JSON.parse(messages[0]!.Body!);
    expect(handoff).toMatchObject({ channel: 'open311', teamId: 'waste-services', service: { id: 'missed-bin' }, location: { lat: 52.2, lng: 0.13 } });
    expect(handoff.details).toEqual({
      'bin-type': 'recycling',
      fixmystreet_id: expect.stringMatching(/^fms-/),
      title: 'Missed bin',
      description: 'The recycling was not collected this morning',
      report_url: expect.stringMatching(/^https:\/\/fixmystreet\.example\.org\/report\//),
      easting: '545000',
      northing: '258000',
      containers: 'blue box, green bin',
      address: '12 High Street, Cambridge CB1 1AA',
      media_url: 'https://fixmystreet.example.org/photo/1.full.jpeg',
    });
  });

  it('answers a retried report with the same service_request_id and writes nothing new', async () => {
    // Prepare
    const body = fixMyStreetReport(`fms-${unique()}`);
    const first = await post('requests.xml', body);
    const itemsAfterFirst = await tableItemCount();

    // Act
    const again = await post('requests.xml', body);

    // Assess
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    expect(await tableItemCount()).toBe(itemsAfterFirst);
  });

  it('refuses HTML or script in a description with an Open311 error, writing nothing', async () => {
    // Prepare
    const form = fixMyStreetReport(`fms-${unique()}`);
    form.set('description', `<script>alert("owned")</script><b onmouseover='x()'>bin</b> & more`);
    const before = await tableItemCount();

    // Act
    const refused = await post('requests.xml', form, 'errors');

    // Assess
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('description contains HTML or script');
    expect(refused.text).not.toContain('<script>');
    expect(await tableItemCount()).toBe(before);
  });
});

describe('bad requests get an Open311 error and write nothing', () => {
  const withoutLocation = () => {
    const form = report();
    for (const name of ['lat', 'long', 'address_string']) form.delete(name);
    return form;
  };
  const cases: Array<[string, () => Promise<Answer>, number, RegExp]> = [
    ['no location (JSON)', () => post('requests.json', withoutLocation(), 'errors'), 400, /location is required/],
    ['no location (XML)', () => post('requests.xml', withoutLocation(), 'errors'), 400, /location is required/],
    [
      'a value that is not one of a list attribute\'s values',
      () => post('requests.xml', report({ 'attribute[size]': 'the size of a bus' }), 'errors'),
      400,
      /attribute\[size\] 'the size of a bus' is not one of its values/,
    ],
    ['a wrong api_key', () => post('requests.xml', report({ api_key: 'not-our-key' }), 'errors'), 403, /api_key is not one we issued/],
    ['no api_key', () => post('requests.json', (() => { const f = report(); f.delete('api_key'); return f; })(), 'errors'), 403, /api_key is required/],
    ['an unknown service_code', () => post('requests.json', report({ service_code: 'moon-landing' }), 'errors'), 404, /not a service we offer/],
    ['a service that is answered, not reported', () => post('requests.json', report({ service_code: 'pay-council-tax' }), 'errors'), 400, /answered at first contact/],
    ['a body of 1 MB', () => post('requests.xml', report({ description: 'x'.repeat(1024 * 1024) }), 'errors'), 413, /the most we accept is/],
    [
      'a JSON body',
      () => call('POST', 'requests.json', 'errors', { headers: { 'content-type': 'application/json' }, form: JSON.stringify({ service_code: 'pothole' }) }),
      415,
      /x-www-form-urlencoded/,
    ],
    ['POST to services', () => post('services.json', report(), 'errors'), 405, /takes GET only/],
  ];

  for (const [what, send, status, message] of cases) {
    it(`${what} -> ${status}`, async () => {
      // Prepare
      const before = await tableItemCount();

      // Act
      const answer = await send();

      // Assess
      expect(answer.status).toBe(status);
      expect(answer.body).toEqual([{ code: status, description: expect.stringMatching(message) }]);
      expect(await tableItemCount()).toBe(before);
    });
  }
});
