// Open311 GeoReport v2, decided purely: paths and formats, which services are offered and how
// they are defined, how a form-encoded report becomes a Contact, how a Case reads as a service
// request, and how documents are written in JSON and XML. Choices are explained in docs/open311.md.
import { londonTimeOf } from '#domain/calendar';
import type { Case, CaseStatus } from '#domain/case';
import type { Catalogue, RequiredDetail, Service, ServiceArea, ServiceLevel } from '#domain/catalogue';
import type { Contact, GeoPoint } from '#domain/contact';
import { normaliseReference } from '#domain/reference';
import { normaliseEmail, normalisePhone } from '#domain/resident';
import { containsMarkup } from '#domain/schema';
import { xmlDocument } from './xml.ts';

export const OPEN311_FORMATS = ['json', 'xml'] as const;
export type Open311Format = (typeof OPEN311_FORMATS)[number];

/** An answer in Open311's error format, with its HTTP status. */
export class Open311Error extends Error {
  override name = 'Open311Error';
  constructor(
    readonly statusCode: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const badRequest = (message: string) => new Open311Error(400, message);

// ---------------------------------------------------------------------------------------------
// Paths: everything under /open311/v2/ ends in .json or .xml.

export type Open311Endpoint =
  | { kind: 'discovery' }
  | { kind: 'services' }
  | { kind: 'service-definition'; serviceCode: string }
  | { kind: 'create-request' }
  | { kind: 'find-requests' }
  | { kind: 'request'; id: string }
  | { kind: 'token'; token: string };

/** The response format from the path's extension; a path without .json or .xml is a 400. */
export function formatOf(path: string): Open311Format {
  const match = /\.([A-Za-z0-9]+)$/.exec(path);
  const extension = match?.[1]?.toLowerCase();
  if (extension === 'json' || extension === 'xml') return extension;
  throw badRequest(
    `add the response format to the path: ${path.replace(/\.[A-Za-z0-9]+$/, '') || 'services'}.json or .xml` +
      (extension ? ` ('.${extension}' is not a format we write)` : ''),
  );
}

/** What a method and path (below /open311/v2/, with its extension) ask for. */
export function endpointOf(method: string, path: string): Open311Endpoint {
  const segments = path.replace(/\.[A-Za-z0-9]+$/, '').split('/');
  const [first, second, ...rest] = segments;
  const only = (allowed: 'GET' | 'POST', endpoint: Open311Endpoint): Open311Endpoint => {
    if (method === allowed) return endpoint;
    throw new Open311Error(405, `${path} takes ${allowed} only`, { allow: allowed });
  };
  if (rest.length === 0 && second !== undefined && second !== '') {
    // The swagger description spells the single request 'request/{id}'; the wiki 'requests/{id}'.
    if (first === 'services') return only('GET', { kind: 'service-definition', serviceCode: second });
    if (first === 'requests' || first === 'request') return only('GET', { kind: 'request', id: second });
    if (first === 'tokens') return only('GET', { kind: 'token', token: second });
  }
  if (second === undefined) {
    if (first === 'discovery') return only('GET', { kind: 'discovery' });
    if (first === 'services') return only('GET', { kind: 'services' });
    if (first === 'requests') {
      if (method === 'POST') return { kind: 'create-request' };
      return only('GET', { kind: 'find-requests' });
    }
  }
  throw new Open311Error(404, `there is nothing at ${path}; see discovery.json for the endpoints`);
}

// ---------------------------------------------------------------------------------------------
// Services

/**
 * Personal matters (safeguarding, care, housing, benefits, council tax) are not reported through
 * a public, map-based API, and their cases are never listed by GET requests.
 */
export const PRIVATE_AREAS: readonly ServiceArea[] = ['social-care', 'housing', 'council-tax-benefits'];

/** Offered over Open311: a service a team acts on (a hand-off), unless it is a personal matter. */
export function isOfferedOverOpen311(service: Service): boolean {
  return service.resolution.mode === 'handoff' && !PRIVATE_AREAS.includes(service.area);
}

export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime';
  keywords: string;
  group: string;
}

export type Open311Datatype = 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';

export interface Open311Attribute {
  variable: boolean;
  code: string;
  datatype: Open311Datatype;
  required: boolean;
  datatype_description?: string;
  order: number;
  description: string;
  values?: Array<{ key: string; name: string }>;
}

export interface Open311ServiceDefinition {
  service_code: string;
  attributes: Open311Attribute[];
}

function describeServiceLevel(sla: ServiceLevel): string {
  const plural = sla.amount === 1 ? '' : 's';
  switch (sla.unit) {
    case 'working-days':
      return `${sla.amount} working day${plural}`;
    case 'business-hours':
      return `${sla.amount} working hour${plural}`;
    case 'elapsed-hours':
      return `${sla.amount} hour${plural}`;
  }
}

/** The detail that says where the problem is: filled from the request's own location fields. */
export function locationDetailOf(service: Service | undefined): RequiredDetail | undefined {
  return service?.requiredDetails.find((detail) => detail.kind === 'location');
}

/** The key Open311 clients send for a choice option: the option in lower-case words joined by hyphens. */
export function optionKey(option: string): string {
  return option
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const DATATYPES: Record<Exclude<RequiredDetail['kind'], 'location'>, { datatype: Open311Datatype; description?: string }> = {
  choice: { datatype: 'singlevaluelist', description: 'One of the values, by its key' },
  text: { datatype: 'string' },
  date: { datatype: 'datetime', description: 'A date (YYYY-MM-DD), or a date and time in ISO 8601' },
  reference: { datatype: 'string', description: 'The number or reference as written on it' },
};

/**
 * The catalogue's requiredDetails as attributes. Location is the request's own lat/long/address,
 * not an attribute. No attribute is `required`: a report is never refused for a detail the
 * resident does not know (a lamp column number); the team follows it up.
 */
export function attributesOf(service: Service): Open311Attribute[] {
  return service.requiredDetails
    .filter((detail) => detail.kind !== 'location')
    .map((detail, index) => {
      const kind = DATATYPES[detail.kind as keyof typeof DATATYPES];
      return {
        variable: true,
        code: detail.id,
        datatype: kind.datatype,
        required: false,
        ...(kind.description ? { datatype_description: kind.description } : {}),
        order: index + 1,
        description: detail.question,
        ...(detail.kind === 'choice' ? { values: (detail.options ?? []).map((name) => ({ key: optionKey(name), name })) } : {}),
      };
    });
}

export function open311ServiceOf(service: Service, catalogue: Catalogue): Open311Service {
  return {
    service_code: service.id,
    service_name: service.name,
    description: `${catalogue.team(service.teamId).name} aim to deal with it within ${describeServiceLevel(service.sla)}.`,
    metadata: attributesOf(service).length > 0,
    type: 'realtime',
    keywords: service.words.join(', '),
    group: service.area,
  };
}

export function open311Services(catalogue: Catalogue): Open311Service[] {
  return catalogue.services.filter(isOfferedOverOpen311).map((service) => open311ServiceOf(service, catalogue));
}

/** A service offered over Open311 by its code; 404 when there is none, 400 when it is not a report. */
export function offeredService(serviceCode: string, catalogue: Catalogue): Service {
  const service = catalogue.service(serviceCode);
  if (!service) {
    throw new Open311Error(404, `service_code '${serviceCode}' is not a service we offer; see GET services.json`);
  }
  if (!isOfferedOverOpen311(service)) {
    throw badRequest(
      service.resolution.mode === 'handoff'
        ? `service_code '${serviceCode}' (${service.name}) is a personal matter we do not take through Open311; please contact the council directly`
        : `service_code '${serviceCode}' (${service.name}) is answered at first contact, not reported to a team; see GET services.json for what can be reported`,
    );
  }
  return service;
}

export function serviceDefinitionOf(serviceCode: string, catalogue: Catalogue): Open311ServiceDefinition {
  const service = catalogue.service(serviceCode);
  if (!service || !isOfferedOverOpen311(service)) {
    throw new Open311Error(404, `service_code '${serviceCode}' is not a service we offer; see GET services.json`);
  }
  return { service_code: service.id, attributes: attributesOf(service) };
}

// ---------------------------------------------------------------------------------------------
// POST requests: the form, as Open311 clients (FixMyStreet above all) send it.

/**
 * attribute[code] and attribute[code][] in the order sent, merged by code; a repeated key is a
 * multi-value list. Empty values are dropped: FixMyStreet sends every attribute it stores, the
 * optional ones empty.
 */
export function formAttributes(form: URLSearchParams): Map<string, string[]> {
  const attributes = new Map<string, string[]>();
  for (const [name, value] of form) {
    const match = /^attribute\[([^\]]*)\](\[\])?$/.exec(name);
    if (!match) continue;
    const code = match[1]!.trim();
    if (!code) throw badRequest(`'${name}' names no attribute; send attribute[code]=value`);
    if (code.length > 100) throw badRequest(`attribute code '${code.slice(0, 40)}...' is longer than 100 characters`);
    const values = attributes.get(code) ?? [];
    const text = cleanText(value);
    if (text && !values.includes(text)) values.push(text);
    attributes.set(code, values);
  }
  for (const [code, values] of attributes) if (!values.length) attributes.delete(code);
  return attributes;
}

// Control characters (other than tab and line breaks) are never part of what a resident typed.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

function cleanText(value: string): string {
  return value.replace(CONTROL, '').trim();
}

/** A form field, trimmed; undefined when absent or empty (clients send empty optional fields). */
function field(form: URLSearchParams, name: string): string | undefined {
  const value = form.get(name);
  const text = value === null ? '' : cleanText(value);
  return text === '' ? undefined : text;
}

function coordinate(form: URLSearchParams, name: 'lat' | 'long', limit: number): number | undefined {
  const raw = field(form, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(raw) || Math.abs(value) > limit) {
    throw badRequest(`${name} '${raw}' is not a WGS84 ${name === 'lat' ? 'latitude (-90 to 90)' : 'longitude (-180 to 180)'} in decimal degrees`);
  }
  return value;
}

export interface Open311Submission {
  serviceCode: string;
  location?: GeoPoint;
  addressString?: string;
  addressId?: string;
  description: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  phone?: string;
  mediaUrls: string[];
  accountId?: string;
  attributes: Map<string, string[]>;
}

/** Reads the form's standard fields: service_code and a location are required (400 otherwise). */
export function readSubmission(form: URLSearchParams): Open311Submission {
  const serviceCode = field(form, 'service_code');
  if (!serviceCode) throw badRequest('service_code is required; see GET services.json for the codes');
  const lat = coordinate(form, 'lat', 90);
  const long = coordinate(form, 'long', 180);
  if ((lat === undefined) !== (long === undefined)) {
    throw badRequest(`send lat and long together (got only ${lat === undefined ? 'long' : 'lat'})`);
  }
  const addressString = field(form, 'address_string');
  const addressId = field(form, 'address_id');
  if (lat === undefined && !addressString && !addressId) {
    throw badRequest('a location is required: send lat and long, or address_string, or address_id');
  }
  const mediaUrls = form
    .getAll('media_url')
    .map(cleanText)
    .filter(Boolean);
  for (const url of mediaUrls) {
    if (!isWebUrl(url)) throw badRequest(`media_url '${url.slice(0, 100)}' is not an http(s) URL`);
  }
  const optional = (name: string, key: keyof Open311Submission) => {
    const value = field(form, name);
    return value === undefined ? {} : { [key]: value };
  };
  const description = form.get('description') === null ? '' : cleanText(form.get('description')!);
  // As every channel does: markup is refused, so it can never reach a team's screen as code.
  if (containsMarkup(description)) throw badRequest('description contains HTML or script; send plain text');
  return {
    serviceCode,
    ...(lat !== undefined && long !== undefined ? { location: { lat, lng: long } } : {}),
    ...(addressString ? { addressString } : {}),
    ...(addressId ? { addressId } : {}),
    description,
    ...optional('first_name', 'firstName'),
    ...optional('last_name', 'lastName'),
    ...optional('email', 'email'),
    ...optional('phone', 'phone'),
    ...optional('account_id', 'accountId'),
    mediaUrls,
    attributes: formAttributes(form),
  };
}

function isWebUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** The client's own id for the submission, which makes a retried POST return the first answer. */
export function providerIdOf(submission: Open311Submission, idempotencyKey: string | undefined): string | undefined {
  const fixMyStreetId = submission.attributes.get('fixmystreet_id')?.[0];
  const given = fixMyStreetId ?? idempotencyKey?.trim();
  if (!given) return undefined;
  if (given.length > 190 || /[^\x21-\x7e]/.test(given)) {
    throw badRequest('attribute[fixmystreet_id] (or the Idempotency-Key header) must be at most 190 printable ASCII characters');
  }
  return fixMyStreetId ? `fixmystreet-${given}` : `key-${given}`;
}

/**
 * The known attributes checked against the service definition (a singlevaluelist takes one of its
 * keys, or the option's name); unknown ones kept as they came, multi-value lists joined with ', '.
 */
export function detailsOf(submission: Open311Submission, service: Service): Record<string, string> {
  const details: Record<string, string> = {};
  const known = new Map(attributesOf(service).map((attribute) => [attribute.code, attribute]));
  for (const [code, values] of submission.attributes) {
    const attribute = known.get(code);
    if (attribute?.datatype === 'singlevaluelist') {
      const chosen = values.map((value) => {
        const option = attribute.values?.find((o) => o.key === value || o.name.toLowerCase() === value.toLowerCase());
        if (!option) {
          const keys = (attribute.values ?? []).map((o) => o.key).join(', ');
          throw badRequest(`attribute[${code}] '${value.slice(0, 100)}' is not one of its values: ${keys}`);
        }
        return option.name;
      });
      const distinct = [...new Set(chosen)];
      if (distinct.length > 1) throw badRequest(`attribute[${code}] takes one value; got ${distinct.join(', ')}`);
      details[code] = distinct[0]!;
    } else {
      details[code] = values.join(', ');
    }
  }
  // The standard location fields win over an attribute of the same name.
  if (submission.addressString) details[locationDetailOf(service)?.id ?? 'address'] = submission.addressString;
  if (submission.addressId) details.address_id = submission.addressId;
  if (submission.accountId) details.account_id = submission.accountId;
  if (submission.mediaUrls.length) details.media_url = submission.mediaUrls.join(' ');
  return details;
}

/** The report as the routing layer's Contact, for the chosen service. */
export function contactFromSubmission(
  submission: Open311Submission,
  service: Service,
  meta: { id: string; providerId: string; receivedAt: string },
): Contact {
  const details = detailsOf(submission, service);
  const phone = submission.phone === undefined ? undefined : normalisePhone(submission.phone);
  const email = submission.email === undefined ? undefined : normaliseEmail(submission.email);
  // What cannot be a phone number or an email address is kept as given, for the team to read.
  if (submission.phone !== undefined && !phone) details.phone = submission.phone;
  if (submission.email !== undefined && !email) details.email = submission.email;
  const name = [submission.firstName, submission.lastName].filter(Boolean).join(' ');
  return {
    id: meta.id,
    channel: 'open311',
    providerId: meta.providerId,
    receivedAt: meta.receivedAt,
    text: submission.description,
    serviceId: service.id,
    resident: {
      ...(name ? { name } : {}),
      ...(phone ? { phone } : {}),
      ...(email ? { email } : {}),
    },
    ...(submission.location ? { location: submission.location } : {}),
    details,
  };
}

/** Reports this close together (metres) are taken to be about the same place. */
export const SAME_PLACE_METRES = 50;

function metresBetween(a: GeoPoint, b: GeoPoint): number {
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = radians(b.lat - a.lat);
  const dLng = radians(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}

const comparableAddress = (address: string | undefined) => address?.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim() || undefined;

/**
 * Whether an open case is about the place this report is about: within 50 m, or (without
 * coordinates on both) the same address. Two potholes reported by one resident are two cases.
 */
export function samePlace(report: Contact, kase: Case, catalogue: Catalogue): boolean {
  if (report.location && kase.location) return metresBetween(report.location, kase.location) <= SAME_PLACE_METRES;
  const addressOf = (details: Record<string, string> | undefined, serviceId: string) =>
    comparableAddress(details?.[locationDetailOf(catalogue.service(serviceId))?.id ?? 'address'] ?? details?.address);
  const here = addressOf(report.details, report.serviceId ?? '');
  return here !== undefined && here === addressOf(kase.details, kase.serviceId);
}

// ---------------------------------------------------------------------------------------------
// Service requests: a Case as Open311 reads it.

export type Open311Status = 'open' | 'closed';

export function open311StatusOf(status: CaseStatus): Open311Status {
  return status === 'resolved' ? 'closed' : 'open';
}

export function statusNotesOf(status: CaseStatus, teamName: string): string {
  switch (status) {
    case 'open':
      return `Passed to ${teamName}.`;
    case 'accepted':
      return `${teamName} are working on it.`;
    case 'awaiting-resident':
      return `${teamName} are waiting for more information from the person who reported it.`;
    case 'resolved':
      return `Resolved by ${teamName}.`;
    case 'returned-to-csn':
      return 'With our customer service team.';
  }
}

/** An ISO 8601 date and time with the London offset of that instant: 2026-06-01T10:15:00+01:00. */
export function open311DateTime(instant: string | Date): string {
  const at = typeof instant === 'string' ? new Date(instant) : instant;
  const offsetMinutes = londonTimeOf(at).offsetMinutes;
  const wall = new Date(at.getTime() + offsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${wall}${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

export interface Open311Request {
  service_request_id: string;
  status: Open311Status;
  status_notes: string;
  service_name: string;
  service_code: string;
  description?: string;
  agency_responsible: string;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string;
  address?: string;
  address_id?: string;
  lat?: number;
  long?: number;
  media_url?: string;
}

/** The schema caps description at 4000 characters; longer ones are cut with an ellipsis. */
const MAX_DESCRIPTION = 4000;

/**
 * A case as a service request. What the reporter wrote and where (description, address,
 * coordinates, photo) is given only for reports that came through Open311, which their clients
 * publish anyway; a case from a call, a text or the counter shows its service, status and times.
 */
export function open311RequestOf(kase: Case, catalogue: Catalogue): Open311Request {
  const teamName = teamNameOf(kase.teamId, catalogue);
  const reported = kase.channel === 'open311';
  const address = reported
    ? (kase.details[locationDetailOf(catalogue.service(kase.serviceId))?.id ?? 'address'] ?? kase.details.address)
    : undefined;
  const mediaUrl = reported ? kase.details.media_url?.split(' ')[0] : undefined;
  const description =
    kase.description.length > MAX_DESCRIPTION ? `${kase.description.slice(0, MAX_DESCRIPTION - 1)}…` : kase.description;
  return {
    service_request_id: kase.reference,
    status: open311StatusOf(kase.status),
    status_notes: statusNotesOf(kase.status, teamName),
    service_name: kase.serviceName,
    service_code: kase.serviceId,
    ...(reported ? { description } : {}),
    agency_responsible: teamName,
    requested_datetime: open311DateTime(kase.createdAt),
    updated_datetime: open311DateTime(kase.updatedAt),
    expected_datetime: open311DateTime(kase.sla.dueAt),
    ...(address ? { address } : {}),
    ...(reported && kase.details.address_id ? { address_id: kase.details.address_id } : {}),
    ...(reported && kase.location ? { lat: kase.location.lat, long: kase.location.lng } : {}),
    ...(mediaUrl ? { media_url: mediaUrl } : {}),
  };
}

function teamNameOf(teamId: string, catalogue: Catalogue): string {
  try {
    return catalogue.team(teamId).name;
  } catch {
    return teamId;
  }
}

/** Whether GET requests may show a case: only cases of services offered over Open311. */
export function isListed(kase: Case, catalogue: Catalogue): boolean {
  const service = catalogue.service(kase.serviceId);
  return service !== undefined && isOfferedOverOpen311(service);
}

// ---------------------------------------------------------------------------------------------
// GET requests: the query.

export const MAX_RESULTS = 1000;
export const MAX_SPAN_DAYS = 90;
const DAY_MS = 86_400_000;

export type RequestQuery =
  | { kind: 'ids'; references: string[] }
  | { kind: 'range'; from: Date; to: Date; serviceCode?: string; status?: Open311Status };

const ISO_DATE_TIME =
  /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+\- ]\d{2}:?\d{2})?)?$/i;

/**
 * An ISO 8601 date or date and time. Without an offset it is UTC; a '+' that arrived as a space
 * (an unencoded query string) is read as '+'. A date alone is the start of that day, or for an
 * end date the end of it.
 */
export function parseDateTime(text: string, name: string, end = false): Date {
  const match = ISO_DATE_TIME.exec(text.trim());
  if (match) {
    const [, date, time, offset] = match;
    if (!time) {
      const start = Date.parse(`${date}T00:00:00Z`);
      if (!Number.isNaN(start) && new Date(start).toISOString().startsWith(date!)) {
        return new Date(end ? start + DAY_MS - 1 : start);
      }
    } else {
      const zone = !offset || offset.toUpperCase() === 'Z' ? 'Z' : `${offset[0] === ' ' ? '+' : offset[0]}${offset.slice(1, 3)}:${offset.slice(-2)}`;
      const at = Date.parse(`${date}T${time.length === 5 ? `${time}:00` : time}${zone}`);
      if (!Number.isNaN(at) && new Date(Date.parse(`${date}T00:00:00Z`)).toISOString().startsWith(date!)) return new Date(at);
    }
  }
  throw badRequest(`${name} '${text.slice(0, 40)}' is not an ISO 8601 date and time, e.g. 2026-11-23T09:00:00Z`);
}

/**
 * The query string of GET requests. service_request_id overrides everything else; otherwise the
 * range defaults to the 90 days up to now, and may span at most 90 days.
 */
export function readRequestQuery(params: Record<string, string | undefined>, now: Date): RequestQuery {
  const ids = params.service_request_id?.trim();
  if (ids) {
    const asked = ids.split(',').map((id) => id.trim()).filter(Boolean);
    if (asked.length > MAX_RESULTS) throw badRequest(`ask for at most ${MAX_RESULTS} service_request_ids at a time`);
    const references = asked.map(normaliseReference).filter((r): r is string => r !== undefined);
    return { kind: 'ids', references: [...new Set(references)] };
  }
  const start = params.start_date?.trim() ? parseDateTime(params.start_date, 'start_date') : undefined;
  const end = params.end_date?.trim() ? parseDateTime(params.end_date, 'end_date', true) : undefined;
  const span = MAX_SPAN_DAYS * DAY_MS;
  const to = end ?? (start ? new Date(Math.min(start.getTime() + span, now.getTime())) : now);
  const from = start ?? new Date(to.getTime() - span);
  if (from > to) throw badRequest('start_date is after end_date');
  if (to.getTime() - from.getTime() > span) throw badRequest(`start_date to end_date may span at most ${MAX_SPAN_DAYS} days`);

  const statuses = new Set(
    (params.status ?? '')
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
  );
  for (const status of statuses) {
    if (status !== 'open' && status !== 'closed') throw badRequest(`status '${status}' is not open or closed`);
  }
  const status = statuses.size === 1 ? ([...statuses][0] as Open311Status) : undefined;
  const serviceCode = params.service_code?.trim();
  return { kind: 'range', from, to, ...(serviceCode ? { serviceCode } : {}), ...(status ? { status } : {}) };
}

/** The UTC days (YYYY-MM-DD) a range touches, newest first: one byDay query each. */
export function daysOf(from: Date, to: Date): string[] {
  const days: string[] = [];
  const first = Date.parse(from.toISOString().slice(0, 10));
  for (let day = Date.parse(to.toISOString().slice(0, 10)); day >= first; day -= DAY_MS) {
    days.push(new Date(day).toISOString().slice(0, 10));
  }
  return days;
}

// ---------------------------------------------------------------------------------------------
// Documents

export const SPECIFICATION_URL = 'http://wiki.open311.org/GeoReport_v2';
/** When this endpoint last changed in a way clients should notice. */
export const CHANGESET = '2026-11-22T00:00:00Z';

export function discoveryOf(baseUrl: string) {
  return {
    changeset: CHANGESET,
    contact: "The council's Customer Service Network: ask Customer Services for the Open311 team",
    key_service: 'API keys for POST requests are issued by the council; ask Customer Services',
    endpoints: [
      {
        specification: SPECIFICATION_URL,
        url: baseUrl,
        changeset: CHANGESET,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ],
  };
}

/** The root element of each document, and the element name of each list's items. */
export type Open311Root = 'discovery' | 'services' | 'service_definition' | 'service_requests' | 'errors';

const ITEM_NAMES = {
  services: 'service',
  service_requests: 'request',
  attributes: 'attribute',
  values: 'value',
  errors: 'error',
  endpoints: 'endpoint',
  formats: 'format',
} as const;

export const CONTENT_TYPES: Record<Open311Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

/** A document in the format asked for. JSON escapes '<' too, so no browser can read it as HTML. */
export function renderOpen311(format: Open311Format, root: Open311Root, value: unknown): string {
  if (format === 'json') return JSON.stringify(value).replace(/</g, '\\u003c');
  return xmlDocument(root, value as Parameters<typeof xmlDocument>[1], ITEM_NAMES);
}

export function errorsOf(statusCode: number, description: string) {
  return [{ code: statusCode, description }];
}

/** Compares an API key without leaking, through timing, how much of it matched. */
export function sameKey(given: string, expected: string): boolean {
  let difference = given.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) difference |= (given.charCodeAt(i % (given.length || 1)) || 0) ^ expected.charCodeAt(i);
  return difference === 0;
}
