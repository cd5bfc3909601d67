// The hand-off message a service team receives on its queue: a versioned, documented contract
// (docs/handoff-message.schema.json is generated from this schema; see docs/handoff-queue.md).
import type { Case } from './case.ts';
import { PRIORITIES } from './catalogue.ts';
import * as z from './schema.ts';
import { SLA_UNITS } from './sla.ts';

export const HANDOFF_SCHEMA_VERSION = '1';

const GeoPointSchema = z.strictObject({ lat: z.number(), lng: z.number() });

export const HandoffMessageSchema = z.strictObject({
  schemaVersion: z.literal(HANDOFF_SCHEMA_VERSION),
  /** Consumers de-duplicate on this: the same key is the same hand-off, however often delivered. */
  dedupKey: z.string(),
  caseReference: z.string(),
  caseVersion: z.int(),
  teamId: z.string(),
  service: z.strictObject({ id: z.string(), name: z.string() }),
  channel: z.string(),
  description: z.string(),
  resident: z.strictObject({
    name: z.optional(z.string()),
    phone: z.optional(z.string()),
    email: z.optional(z.string()),
    address: z.optional(z.string()),
  }),
  location: z.optional(GeoPointSchema),
  /** Details the team needs, keyed by the catalogue's requiredDetails ids. */
  details: z.record(z.string(), z.string()),
  priority: z.enum(PRIORITIES),
  /** The service level: when it started, when it is at risk, when it is due (ISO instants, UTC). */
  sla: z.strictObject({
    target: z.strictObject({ amount: z.number(), unit: z.enum(SLA_UNITS) }),
    startedAt: z.iso.datetime(),
    warnAt: z.iso.datetime(),
    dueAt: z.iso.datetime(),
  }),
  routing: z.strictObject({
    confidence: z.number(),
    explanation: z.array(z.string()),
    /** The router version that chose the case's first service (docs/routing.md). */
    modelVersion: z.optional(z.string()),
  }),
  catalogueVersion: z.string(),
  createdAt: z.iso.datetime(),
  handedOffAt: z.iso.datetime(),
});

export type HandoffMessage = z.infer<typeof HandoffMessageSchema>;

export function handoffFor(c: Case, handedOffAt: string): HandoffMessage {
  return {
    schemaVersion: HANDOFF_SCHEMA_VERSION,
    dedupKey: `${c.reference}#${c.version}`,
    caseReference: c.reference,
    caseVersion: c.version,
    teamId: c.teamId,
    service: { id: c.serviceId, name: c.serviceName },
    channel: c.channel,
    description: c.description,
    resident: c.resident,
    ...(c.location ? { location: c.location } : {}),
    details: c.details,
    priority: c.priority,
    sla: {
      target: { amount: c.sla.policy.amount, unit: c.sla.policy.unit },
      startedAt: c.sla.startedAt,
      warnAt: c.sla.warnAt,
      dueAt: c.sla.dueAt,
    },
    routing: c.routing,
    catalogueVersion: c.catalogueVersion,
    createdAt: c.createdAt,
    handedOffAt,
  };
}

/** The JSON Schema of the hand-off message, for teams that consume the queue without our code. */
export function handoffJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(HandoffMessageSchema),
    $id: `https://frontdoor.council.example.gov.uk/schemas/handoff-message/v${HANDOFF_SCHEMA_VERSION}.json`,
    title: `frontdoor hand-off message, schema version ${HANDOFF_SCHEMA_VERSION}`,
    description: 'One case handed to a service team, as a message on its SQS queue. See docs/handoff-queue.md.',
  };
}
