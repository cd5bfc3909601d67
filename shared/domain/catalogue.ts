// The council's catalogue: services, the teams that own them, the answers and look-ups that
// resolve a contact at first contact. Data, validated when loaded; a council edits the JSON.
import type { RoutingModelData } from './routing-model.ts';
import { type BinRound, BinRoundSchema, normalisePostcode } from './bin-day.ts';
import { type BusinessCalendar, buildCalendar, weekdayOf } from './calendar.ts';
import * as z from './schema.ts';

export const SERVICE_AREAS = [
  'waste',
  'street-cleansing',
  'roads',
  'street-lighting',
  'traffic',
  'drainage',
  'trees-parks',
  'parking',
  'environmental-health',
  'housing',
  'council-tax-benefits',
  'planning-building',
  'social-care',
  'licensing',
  'registration',
  'general',
] as const;

/** What classify() can recognise as an emergency; a service lists the kinds it takes. */
export const EMERGENCY_KINDS = [
  'gas',
  'fire',
  'danger-to-life',
  'child-at-risk',
  'adult-at-risk',
  'flooding-home',
  'dangerous-structure',
  'live-electrics',
] as const;

export const PRIORITIES = ['normal', 'high', 'urgent'] as const;

const slug = z.string().check(z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens'));
const text = z.string().check(z.minLength(1));

export const TeamSchema = z.strictObject({
  id: slug,
  name: text,
  directorate: text,
  escalationContact: z.string().check(z.regex(/^[^@\s]+@[^@\s]+\.[^@\s]+$/, 'must be an email address')),
});

/** A service level: the SLA clock (sla.ts) reads this shape. */
export const ServiceLevelSchema = z.strictObject({
  amount: z.number().check(z.positive()),
  unit: z.enum(['working-days', 'business-hours', 'elapsed-hours']),
  warnAtFraction: z.optional(z.number().check(z.gt(0), z.lt(1))),
});

export const RequiredDetailSchema = z.strictObject({
  id: slug,
  question: text,
  kind: z.enum(['location', 'choice', 'text', 'date', 'reference']),
  options: z.optional(z.array(text).check(z.minLength(2))),
});

export const ResolutionSchema = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('handoff') }),
  z.strictObject({ mode: z.literal('answer'), answerId: slug }),
  z.strictObject({ mode: z.literal('lookup'), lookupId: slug }),
  z.strictObject({ mode: z.literal('self-service'), url: z.url() }),
]);

export const PriorityRuleSchema = z.strictObject({
  when: z.enum(['hazard', 'vulnerable', 'offensive', 'repeat', 'blocking']),
  /** Words or phrases in the resident's description that trigger the rule. */
  words: z.array(z.string().check(z.minLength(2))).check(z.minLength(1)),
  raiseTo: z.enum(PRIORITIES),
  /** A tighter service level for this priority; the service's own sla applies when absent. */
  sla: z.optional(ServiceLevelSchema),
});

export const ServiceSchema = z.strictObject({
  id: slug,
  name: text,
  lgsl: z.int().check(z.positive()),
  area: z.enum(SERVICE_AREAS),
  teamId: slug,
  /** Words and short phrases residents use for this service. */
  words: z.array(z.string().check(z.minLength(2))),
  /** Whole example requests, as a resident would say or type them. */
  examples: z.array(z.string().check(z.minLength(3))),
  requiredDetails: z._default(z.array(RequiredDetailSchema), []),
  resolution: z._default(ResolutionSchema, { mode: 'handoff' }),
  sla: ServiceLevelSchema,
  priorityRules: z._default(z.array(PriorityRuleSchema), []),
  /** Emergency kinds this service takes (an emergency duty or safeguarding service). */
  emergencyKinds: z._default(z.array(z.enum(EMERGENCY_KINDS)), []),
});

/** Values an answer's wording may use, filled from the business calendar when it is given. */
export const ANSWER_PLACEHOLDERS = ['openingHours', 'nextOpening'] as const;

const answerWording = z.string().check(z.minLength(1), z.maxLength(640));

export const AnswerSchema = z.strictObject({
  id: slug,
  title: text,
  /** What the resident is told: short enough for an SMS, plain enough for speech. */
  text: answerWording,
  /** A shorter wording for a text message; `text` is used when absent. */
  sms: z.optional(answerWording),
  /** The wording read aloud on a call: required when `text` has a web address or '&' or '/'. */
  voice: z.optional(answerWording),
});

/** A name a template fills in, written `{name}` in its text: camelCase letters and digits. */
const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;
const placeholderName = z.string().check(z.regex(/^[a-z][A-Za-z0-9]*$/, 'must be a camelCase name, e.g. nextOpening'));

/** The channel wordings of a template for residents: an SMS, a text-to-speech script, and web text. */
export const TEMPLATE_VARIANTS = ['sms', 'voice', 'web'] as const;

/**
 * Words the platform says, with `{name}` filled in when sent: in any channel (an sms, a voice and
 * a web wording, or one `text` for the channels without their own), by email (a subject and a
 * body), or both.
 */
export const TemplateSchema = z.strictObject({
  id: slug,
  /** When the platform sends it, for the council staff who edit the wording. */
  description: text,
  /** The values the platform supplies; a variant may use only these. */
  placeholders: z._default(z.array(placeholderName), []),
  /** The wording for every channel without its own; read aloud too, so written for speech. */
  text: z.optional(text),
  sms: z.optional(text),
  voice: z.optional(text),
  web: z.optional(text),
  /** For a message sent by email: to a resident we have no phone number for, or to council staff. */
  email: z.optional(z.strictObject({ subject: z.string().check(z.minLength(1), z.maxLength(200)), body: text })),
});

export const LookupSchema = z.strictObject({
  id: slug,
  description: text,
  /** What the resident must give for the look-up to run, e.g. a postcode. */
  needs: z.array(z.enum(['postcode', 'address', 'reference', 'account-number'])).check(z.minLength(1)),
});

export const CatalogueSchema = z.strictObject({
  version: text,
  defaultServiceId: slug,
  teams: z.array(TeamSchema).check(z.minLength(1)),
  services: z.array(ServiceSchema).check(z.minLength(1)),
  answers: z._default(z.array(AnswerSchema), []),
  lookups: z._default(z.array(LookupSchema), []),
  templates: z._default(z.array(TemplateSchema), []),
  binRounds: z._default(z.array(BinRoundSchema), []),
});

export type Team = z.infer<typeof TeamSchema>;
export type Service = z.infer<typeof ServiceSchema>;
export type ServiceLevel = z.infer<typeof ServiceLevelSchema>;
export type RequiredDetail = z.infer<typeof RequiredDetailSchema>;
export type Resolution = z.infer<typeof ResolutionSchema>;
export type PriorityRule = z.infer<typeof PriorityRuleSchema>;
export type Priority = (typeof PRIORITIES)[number];
export type Answer = z.infer<typeof AnswerSchema>;
export type Lookup = z.infer<typeof LookupSchema>;
export type Template = z.infer<typeof TemplateSchema>;
export type TemplateVariant = (typeof TEMPLATE_VARIANTS)[number];
export type ServiceArea = (typeof SERVICE_AREAS)[number];
export type EmergencyKind = (typeof EMERGENCY_KINDS)[number];
export type CatalogueData = z.infer<typeof CatalogueSchema>;
/** The catalogue as written in the JSON files (defaults not yet applied). */
export type CatalogueInput = z.input<typeof CatalogueSchema>;

export interface Catalogue extends Omit<CatalogueData, 'binRounds'> {
  /** The council's business calendar: opening hours, bank holidays, closures. */
  calendar: BusinessCalendar;
  service(id: string): Service | undefined;
  team(id: string): Team;
  answer(id: string): Answer | undefined;
  lookup(id: string): Lookup | undefined;
  /** A message template by id (templates.json); undefined if the council has none by that id. */
  template(id: string): Template | undefined;
  /** The bin collection round for a postcode, however it is written ('nn14tq'); undefined if none. */
  binRounds(postcode: string): BinRound | undefined;
  /** Every bin collection round (bin-rounds.json). */
  allBinRounds: BinRound[];
  /** The service that takes this kind of emergency, if the council has one. */
  emergencyService(kind: EmergencyKind): Service | undefined;
  /** The learned routing model that ships with this catalogue; without one, routing uses the catalogue's words alone. */
  routingModel?: RoutingModelData;
}

export class CatalogueError extends Error {
  override name = 'CatalogueError';
}

/**
 * Where the data came from, for error messages: one name, or a file per list
 * (e.g. { default: 'shared/catalogue', services: 'shared/catalogue/services.json' }).
 */
export type CatalogueSource = string | ({ default: string } & Partial<Record<'teams' | 'services' | 'answers' | 'lookups' | 'templates' | 'binRounds' | 'calendar', string>>);

/** Validates catalogue data and its cross-references; the message names the file, entry and field. */
export function buildCatalogue(data: unknown, source: CatalogueSource = 'catalogue'): Catalogue {
  const fileOf = (list: PropertyKey | undefined): string =>
    typeof source === 'string' ? source : ((source as Record<PropertyKey, string | undefined>)[list ?? ''] ?? source.default);
  // The calendar has its own schema and messages (calendar.ts); everything else is validated here.
  const { calendar: calendarData, ...rest } = (data ?? {}) as Record<string, unknown>;
  const calendar = buildCalendar(calendarData, fileOf('calendar'));
  const parsed = CatalogueSchema.safeParse(rest);
  if (!parsed.success) {
    // An unknown field is named like any other: "... field colour: 'colour' is not a field we accept".
    const { path, message } = z.firstProblem(parsed.error);
    throw new CatalogueError(`${fileOf(path[0])}: ${describePath(data, path)}: ${message}`);
  }
  const catalogue = parsed.data;
  const fail = (list: string, index: number, id: string, field: string, message: string): never => {
    throw new CatalogueError(`${fileOf(list)}: ${list}[${index}] (id '${id}') field ${field}: ${message}`);
  };

  const teams = indexById(catalogue.teams, 'teams', fail);
  const answers = indexById(catalogue.answers, 'answers', fail);
  const lookups = indexById(catalogue.lookups, 'lookups', fail);
  const services = indexById(catalogue.services, 'services', fail);
  const templates = indexById(catalogue.templates, 'templates', fail);
  const byEmergency = new Map<EmergencyKind, Service>();

  catalogue.services.forEach((service, i) => {
    if (!teams.has(service.teamId)) fail('services', i, service.id, 'teamId', `no team '${service.teamId}'`);
    const { resolution } = service;
    if (resolution.mode === 'answer' && !answers.has(resolution.answerId)) {
      fail('services', i, service.id, 'resolution.answerId', `no answer '${resolution.answerId}'`);
    }
    if (resolution.mode === 'lookup' && !lookups.has(resolution.lookupId)) {
      fail('services', i, service.id, 'resolution.lookupId', `no lookup '${resolution.lookupId}'`);
    }
    service.requiredDetails.forEach((detail, d) => {
      if (detail.kind === 'choice' && !detail.options) {
        fail('services', i, service.id, `requiredDetails[${d}].options`, `a 'choice' detail needs options`);
      }
    });
    for (const kind of service.emergencyKinds) {
      const other = byEmergency.get(kind);
      if (other) fail('services', i, service.id, 'emergencyKinds', `'${kind}' is already taken by '${other.id}'`);
      byEmergency.set(kind, service);
    }
  });
  catalogue.templates.forEach((template, i) => {
    const declared = new Set(template.placeholders);
    const used = new Set<string>();
    const wordings: Array<[field: string, wording: string | undefined, spoken: boolean]> = [
      ['text', template.text, template.voice === undefined],
      ...TEMPLATE_VARIANTS.map((variant) => [variant, template[variant], variant === 'voice'] as [string, string | undefined, boolean]),
      ['email.subject', template.email?.subject, false],
      ['email.body', template.email?.body, false],
    ];
    for (const [field, wording, spoken] of wordings) {
      if (wording === undefined) continue;
      const problem = placeholderProblem(wording, declared, spoken);
      if (problem) fail('templates', i, template.id, field, problem);
      for (const name of placeholdersIn(wording)) used.add(name);
    }
    // What is said in one channel may be said in any: a wording for each channel, or for none.
    const missing = template.text === undefined ? TEMPLATE_VARIANTS.filter((variant) => template[variant] === undefined) : [];
    if (missing.length === TEMPLATE_VARIANTS.length && !template.email) {
      fail('templates', i, template.id, 'text', 'is required: give a text (or sms, voice and web wordings), or an email wording');
    }
    if (missing.length > 0 && missing.length < TEMPLATE_VARIANTS.length) {
      fail('templates', i, template.id, missing[0]!, `is required: a template with ${TEMPLATE_VARIANTS.filter((v) => !missing.includes(v)).join(' and ')} wording needs sms, voice and web, or a text for the others`);
    }
    template.placeholders.forEach((name, p) => {
      if (!used.has(name)) fail('templates', i, template.id, `placeholders[${p}]`, `'${name}' is not used in any wording`);
    });
  });
  const answerPlaceholders = new Set<string>(ANSWER_PLACEHOLDERS);
  catalogue.answers.forEach((answer, i) => {
    for (const field of ['text', 'sms', 'voice'] as const) {
      const wording = answer[field];
      if (wording === undefined) continue;
      const problem = placeholderProblem(wording, answerPlaceholders, field === 'voice');
      if (problem) fail('answers', i, answer.id, field, problem);
    }
    if (answer.voice === undefined && placeholderProblem(answer.text, answerPlaceholders, true)) {
      fail('answers', i, answer.id, 'voice', "is needed: the text has a web address or '&' or '/', which do not read aloud well");
    }
  });
  const roundsByPostcode = new Map<string, BinRound>();
  catalogue.binRounds.forEach((round, i) => {
    const failRound = (field: string, message: string): never => {
      throw new CatalogueError(`${fileOf('binRounds')}: binRounds[${i}] (postcode '${round.postcode}') field ${field}: ${message}`);
    };
    const postcode = normalisePostcode(round.postcode);
    if (postcode !== round.postcode) {
      failRound('postcode', postcode ? `write it as '${postcode}'` : 'is not a UK postcode (e.g. NN1 4TQ)');
    }
    if (roundsByPostcode.has(round.postcode)) failRound('postcode', `'${round.postcode}' has two rounds`);
    roundsByPostcode.set(round.postcode, round);
    const bins = new Set<string>();
    round.collections.forEach((collection, c) => {
      if (bins.has(collection.bin)) failRound(`collections[${c}].bin`, `'${collection.bin}' is collected twice`);
      bins.add(collection.bin);
      const anchorDay = weekdayOf(collection.firstCollection);
      if (anchorDay !== collection.weekday) {
        failRound(`collections[${c}].firstCollection`, `${collection.firstCollection} is a ${anchorDay}, not a ${collection.weekday}`);
      }
    });
  });
  if (!services.has(catalogue.defaultServiceId)) {
    throw new CatalogueError(`${fileOf('default')}: defaultServiceId '${catalogue.defaultServiceId}' is not a service`);
  }
  return {
    ...catalogue,
    calendar,
    service: (id) => services.get(id),
    team: (id) => {
      const team = teams.get(id);
      if (!team) throw new CatalogueError(`no team '${id}'`);
      return team;
    },
    answer: (id) => answers.get(id),
    lookup: (id) => lookups.get(id),
    template: (id) => templates.get(id),
    binRounds: (postcode) => {
      const normal = normalisePostcode(postcode);
      return normal === undefined ? undefined : roundsByPostcode.get(normal);
    },
    allBinRounds: catalogue.binRounds,
    emergencyService: (kind) => byEmergency.get(kind),
  };
}

/** The placeholder names in a wording, in order of first use: "{reference} for {service}" -> reference, service. */
export function placeholdersIn(wording: string): string[] {
  return [...new Set([...wording.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/** Fills `{name}` placeholders; a name with no value is left for the caller to notice (see placeholdersIn). */
export function fillPlaceholders(wording: string, values: Readonly<Record<string, string>>): string {
  return wording.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
}

// What is wrong with a wording, in words for the person editing it; undefined if nothing.
function placeholderProblem(wording: string, known: ReadonlySet<string>, spoken: boolean): string | undefined {
  const unknown = placeholdersIn(wording).find((name) => !known.has(name));
  if (unknown) {
    const offered = known.size ? `one of ${[...known].map((n) => `{${n}}`).join(', ')}` : 'none (this wording takes no values)';
    return `{${unknown}} is not a placeholder this wording can use; it can use ${offered}`;
  }
  if (/[{}]/.test(wording.replace(PLACEHOLDER, ''))) return "has a '{' or '}' that is not part of a placeholder like {reference}";
  if (spoken && /https?:|www\.|\.gov\.uk|\.co\.uk|\{url\}/i.test(wording)) {
    return "is read aloud: say 'visit our website' instead of a web address or {url}";
  }
  if (spoken && /[&/]/.test(wording)) return "is read aloud: write 'and' or 'or' instead of '&' or '/'";
  return undefined;
}

function indexById<T extends { id: string }>(
  entries: T[],
  list: string,
  fail: (list: string, index: number, id: string, field: string, message: string) => never,
): Map<string, T> {
  const byId = new Map<string, T>();
  entries.forEach((entry, i) => {
    if (byId.has(entry.id)) fail(list, i, entry.id, 'id', `'${entry.id}' is defined twice`);
    byId.set(entry.id, entry);
  });
  return byId;
}

// "services[3] (id 'missed-bin') field sla.amount" reads better than "services.3.sla.amount".
function describePath(data: unknown, path: PropertyKey[]): string {
  let out = '';
  let inField = false;
  let node: unknown = data;
  for (const key of path) {
    if (typeof key === 'number') {
      const id = (node as unknown[] | undefined)?.[key] as { id?: unknown } | undefined;
      out += !inField && typeof id?.id === 'string' ? `[${key}] (id '${id.id}')` : `[${key}]`;
    } else if (!out) {
      out = String(key);
    } else {
      out += inField ? `.${String(key)}` : ` field ${String(key)}`;
      inField = true;
    }
    node = (node as Record<PropertyKey, unknown> | undefined)?.[key];
  }
  return out || '(root)';
}
