// The CSN adviser console: an adviser records a contact on a resident's behalf (face to face at a
// Customer Service Centre, or a call they took), sees the routing suggestion, may choose another
// service with a reason, and resolves it there and then or hands it off: the same routing layer
// and the same records as every other channel.
import type { Catalogue, RequiredDetail } from '#domain/catalogue';
import type { Contact } from '#domain/contact';
import { FailureKindSchema } from '#domain/failure-demand';
import { answerText, renderMessage } from '#domain/messages';
import { normaliseEmail, normalisePhone } from '#domain/resident';
import { route, type Decision } from '#domain/routing';
import * as z from '#domain/schema';
import { acceptContact, type ContactDeps, type ContactOutcome } from '#app/contacts';

const text = z.plainText;

export const ConsoleContactSchema = z.strictObject({
  channel: z.enum(['face_to_face', 'phone']),
  /** The Customer Service Centre, for face-to-face contacts. */
  centre: z.optional(text(100)),
  description: text(5000),
  /** A service the adviser chose; when it differs from the suggestion, say why. */
  service: z.optional(text(100)),
  overrideReason: z.optional(text(500)),
  /** The adviser dealt with it there and then: what they did. */
  resolvedNote: z.optional(text(1000)),
  resident: z.optional(
    z.strictObject({
      name: z.optional(text(200)),
      phone: z.optional(z.string().check(z.refine((v) => normalisePhone(v) !== undefined, 'is not a phone number'))),
      email: z.optional(z.string().check(z.refine((v) => normaliseEmail(v) !== undefined, 'is not an email address'))),
      address: z.optional(text(500)),
    }),
  ),
  location: z.optional(z.strictObject({ lat: z.number().check(z.gte(-90), z.lte(90)), lng: z.number().check(z.gte(-180), z.lte(180)) })),
  details: z.optional(z.record(z.string(), z.string().check(z.maxLength(1000)))),
  /** The adviser hears that it is failure demand ("I'm ringing again about..."): its kind. */
  failureDemand: z.optional(FailureKindSchema),
});

export type ConsoleContact = z.infer<typeof ConsoleContactSchema>;

export const RoutePreviewSchema = z.strictObject({ description: text(5000) });

/**
 * A console contact's provider id from the client's Idempotency-Key, scoped to the route it came
 * on: the same key sent to both records two things, never the other route's answer.
 */
export const keyedProviderId = {
  /** `POST /api/console/contacts`. */
  contact: (key: string) => `contact:${key}`,
  /** A further contact: `POST /api/console/cases/{reference}/actions`. */
  action: (reference: string, key: string) => `action:${reference}:${key}`,
};

export class ConsoleInputError extends Error {
  override name = 'ConsoleInputError';
}

export interface Suggestion {
  decision: Decision['kind'];
  service: { id: string; name: string };
  teamId: string;
  confidence: number;
  explanation: string[];
  options: Array<{ serviceId: string; name: string; confidence: number }>;
  /**
   * The words to give the resident when the decision is to resolve it and the catalogue has a fixed
   * answer (an answer, or a self-service link). Bin days and case status are looked up when the
   * contact is recorded, with its details; they have none here.
   */
  answer?: string;
}

/** A routing decision as the adviser sees it. */
function asSuggestion(decision: Decision, deps: Pick<ContactDeps, 'catalogue'>): Suggestion {
  const service = deps.catalogue.service(decision.serviceId)!;
  return {
    decision: decision.kind,
    service: { id: service.id, name: service.name },
    teamId: decision.teamId,
    confidence: decision.confidence,
    explanation: decision.explanation,
    options: (decision.options ?? []).map((o) => ({
      serviceId: o.serviceId,
      name: deps.catalogue.service(o.serviceId)?.name ?? o.serviceId,
      confidence: o.confidence,
    })),
  };
}

/** The catalogue's fixed answer for a decision to resolve, in the console's (written) wording. */
function fixedAnswer(decision: Decision, catalogue: Catalogue, now: Date): string | undefined {
  if (decision.kind !== 'resolve') return undefined;
  const service = catalogue.service(decision.serviceId);
  switch (service?.resolution.mode) {
    case 'answer':
      return renderMessage(catalogue, 'answer', 'face_to_face', { text: answerText(catalogue, service.resolution.answerId, 'face_to_face', now) });
    case 'self-service':
      return renderMessage(catalogue, 'self-service', 'face_to_face', { service: service.name, url: service.resolution.url });
    default:
      return undefined;
  }
}

/** What routing would do with this description: shown to the adviser before anything is recorded. */
export function suggestRoute(description: string, deps: Pick<ContactDeps, 'catalogue' | 'clock'>): Suggestion {
  const now = deps.clock.now();
  const probe: Contact = { id: 'preview', channel: 'face_to_face', providerId: 'preview', receivedAt: now.toISOString(), text: description, resident: {} };
  const decision = route(probe, deps.catalogue);
  const answer = fixedAnswer(decision, deps.catalogue, now);
  return { ...asSuggestion(decision, deps), ...(answer ? { answer } : {}) };
}

/** A service as the adviser's picker shows it, with the details its team needs (the catalogue's own fields). */
export interface ServiceChoice {
  id: string;
  name: string;
  teamId: string;
  /** It can be dealt with at first contact (an answer, a look-up or a self-service link), not only handed off. */
  resolvable: boolean;
  requiredDetails: Array<RequiredDetail & { label: string; required: false }>;
}

/** The catalogue's services for the adviser's picker, by name. */
export function servicesForAdvisers(catalogue: Pick<Catalogue, 'services'>): ServiceChoice[] {
  return catalogue.services
    .map((service) => ({
      id: service.id,
      name: service.name,
      teamId: service.teamId,
      resolvable: service.resolution.mode !== 'handoff',
      // The catalogue's fields, plus `label` (the question to ask) and `required`: never, as on every
      // channel, a contact is not refused for a detail the resident does not know; the team follows it up.
      requiredDetails: service.requiredDetails.map((detail) => ({ ...detail, label: detail.question, required: false as const })),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Records a contact an adviser took. It is routed once: the decision carries the suggestion the
 * words make and the adviser's choice, is checked (an unsure suggestion needs a choice; another
 * service needs a reason), then recorded and handed off as it is.
 */
export async function recordAdviserContact(
  input: ConsoleContact,
  meta: { adviserId: string; id: string; providerId: string; receivedAt: string },
  deps: ContactDeps,
): Promise<{ suggestion: Suggestion; outcome: ContactOutcome }> {
  const phone = input.resident?.phone === undefined ? undefined : normalisePhone(input.resident.phone);
  const email = input.resident?.email === undefined ? undefined : normaliseEmail(input.resident.email);
  const contact: Contact = {
    id: meta.id,
    channel: input.channel,
    providerId: meta.providerId,
    receivedAt: meta.receivedAt,
    text: input.description,
    ...(input.service ? { serviceId: input.service } : {}),
    resident: {
      ...(input.resident?.name ? { name: input.resident.name } : {}),
      ...(phone ? { phone } : {}),
      ...(email ? { email } : {}),
      ...(input.resident?.address ? { address: input.resident.address } : {}),
    },
    ...(input.location ? { location: input.location } : {}),
    ...(input.details ? { details: input.details } : {}),
    takenBy: {
      adviserId: meta.adviserId,
      ...(input.centre ? { centre: input.centre } : {}),
      ...(input.overrideReason ? { overrideReason: input.overrideReason } : {}),
      ...(input.resolvedNote ? { resolvedNote: input.resolvedNote } : {}),
    },
  };
  const decision = route(contact, deps.catalogue);
  const suggestion = asSuggestion(decision.suggestion ?? decision, deps);
  const unsure = suggestion.decision === 'ask' || suggestion.decision === 'adviser';
  if (!input.service && unsure && !input.resolvedNote) {
    const choices = suggestion.options.map((o) => `'${o.serviceId}'`).join(', ') || `'${suggestion.service.id}'`;
    throw new ConsoleInputError(`routing is not sure which service this is; choose one in 'service' (closest: ${choices})`);
  }
  // Resolving there and then needs no reason: the note says what was done.
  if (input.service && input.service !== suggestion.service.id && !input.overrideReason && !input.resolvedNote && !unsure) {
    throw new ConsoleInputError(
      `you chose '${input.service}' over the suggested '${suggestion.service.id}'; say why in 'overrideReason'`,
    );
  }
  const mark = input.failureDemand ? { kind: input.failureDemand, by: meta.adviserId, at: meta.receivedAt } : undefined;
  return { suggestion, outcome: await acceptContact(contact, deps, decision, mark) };
}
