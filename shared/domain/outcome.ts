// What happens to a contact after routing, decided purely: which records to write and what to
// tell the resident. The application layer fetches what this needs (a quoted case, the resident's
// open cases) and writes what it returns, in one DynamoDB round trip.
import { customerKeyOf, isOpen, openCase, type Case } from './case.ts';
import type { Catalogue, Priority, Service } from './catalogue.ts';
import type { Contact } from './contact.ts';
import { describeCollections, findPostcode, nextCollections } from './bin-day.ts';
import { answerText, describeStatus, emergencyAdviceTemplate, formatOptions, renderMessage, spokenReference, styleFor } from './messages.ts';
import { findReference } from './reference.ts';
import type { Decision, DecisionKind } from './routing.ts';
import { describeCommitment } from './sla.ts';

/** The answer a channel gives the resident; stored with the contact so a retry gets the same one. */
export interface ContactOutcome {
  contactId: string;
  decision: DecisionKind;
  /** True when the contact was dealt with there and then: an answer, a look-up, a self-service link. */
  firstContactResolved: boolean;
  service: { id: string; name: string };
  teamId: string;
  /** The case this contact opened, or the open case it was linked to. */
  reference?: string;
  /** Set when the contact was about a case already open (a repeat contact: failure demand). */
  repeatOf?: string;
  priority?: Priority;
  dueAt?: string;
  /** The due time in plain words for the channel ("by 5pm on Tuesday 2 December"). */
  commitment?: string;
  /** For 'ask': the services to choose from. */
  options?: Array<{ serviceId: string; name: string }>;
  /** The reply in the channel's own style (SMS text, words to speak, web text). */
  message: string;
}

export type Plan =
  | { write: 'contact'; outcome: ContactOutcome }
  | { write: 'case'; case: Case; outcome: ContactOutcome }
  | { write: 'repeat'; reference: string; outcome: ContactOutcome };

export interface PlanContext {
  catalogue: Catalogue;
  now: Date;
  /** A fresh reference, used if the plan opens a case. */
  newReference: string;
  /** For a "where is my case" contact: the quoted case, null when it does not exist. */
  quotedCase?: Case | null;
  /** The resident's open cases, for linking a repeat contact. */
  openCases: Case[];
}

/** What the application must read before planning. */
export function readsFor(contact: Contact, decision: Decision, catalogue: Catalogue) {
  const service = catalogue.service(decision.serviceId);
  const statusLookup = decision.kind === 'resolve' && service?.resolution.mode === 'lookup' && service.resolution.lookupId === 'case-status';
  return {
    quotedReference: statusLookup ? findReference(contact.text) : undefined,
    openCasesOfResident: decision.kind === 'handoff',
  };
}

export function planContact(contact: Contact, decision: Decision, ctx: PlanContext): Plan {
  const { catalogue, now } = ctx;
  const service = catalogue.service(decision.serviceId)!;
  const style = styleFor(contact.channel);
  const base = {
    contactId: contact.id,
    decision: decision.kind,
    firstContactResolved: false,
    service: { id: service.id, name: service.name },
    teamId: service.teamId,
  };
  const say = (templateId: string, values: Record<string, string> = {}) =>
    renderMessage(catalogue, templateId, contact.channel, values);
  const referenceFor = (reference: string) => (style === 'voice' ? spokenReference(reference) : reference);
  const commitmentFor = (c: Case) => describeCommitment(c.sla.dueAt, catalogue.calendar, contact.channel, now);

  const openNewCase = (templateId: string, values: (c: Case) => Record<string, string>): Plan => {
    const kase = openCase(ctx.newReference, contact, decision, catalogue);
    const commitment = commitmentFor(kase);
    return {
      write: 'case',
      case: kase,
      outcome: {
        ...base,
        reference: kase.reference,
        priority: kase.priority,
        dueAt: kase.sla.dueAt,
        commitment,
        message: say(templateId, { reference: referenceFor(kase.reference), commitment, ...values(kase) }),
      },
    };
  };

  const linkToOpenCase = (existing: Case, templateId: string, values: Record<string, string>): Plan => ({
    write: 'repeat',
    reference: existing.reference,
    outcome: {
      ...base,
      service: { id: existing.serviceId, name: existing.serviceName },
      teamId: existing.teamId,
      reference: existing.reference,
      repeatOf: existing.reference,
      dueAt: existing.sla.dueAt,
      commitment: commitmentFor(existing),
      message: say(templateId, values),
    },
  });

  switch (decision.kind) {
    case 'emergency':
      return openNewCase('emergency', () => ({ advice: decision.emergencyKind ? say(emergencyAdviceTemplate(decision.emergencyKind)) : '' }));

    case 'handoff': {
      const earlier = ctx.openCases.find((c) => c.serviceId === service.id && isOpen(c));
      if (earlier) {
        return linkToOpenCase(earlier, 'repeat-contact', {
          reference: referenceFor(earlier.reference),
          service: earlier.serviceName,
          status: describeStatus(earlier.status),
          commitment: commitmentFor(earlier),
        });
      }
      return openNewCase('handoff-confirmation', () => ({
        service: service.name,
        team: catalogue.team(service.teamId).name,
      }));
    }

    case 'ask': {
      const options = (decision.options ?? []).map((o) => ({ serviceId: o.serviceId, name: catalogue.service(o.serviceId)?.name ?? o.serviceId }));
      return {
        write: 'contact',
        outcome: { ...base, options, message: say('ask-options', { options: formatOptions(options.map((o) => o.name), style) }) },
      };
    }

    case 'adviser': {
      // A web form or Open311 report cannot be transferred live: an adviser picks it up as a case.
      if (contact.channel === 'web' || contact.channel === 'open311') {
        return openNewCase('adviser-web', () => ({}));
      }
      const open = catalogue.calendar.isOpen(now);
      return {
        write: 'contact',
        outcome: {
          ...base,
          message: open
            ? say('adviser-open')
            : say('adviser-closed', {
                openingHours: catalogue.calendar.describeOpeningHours(style === 'voice' ? 'spoken' : 'written'),
                nextOpening: catalogue.calendar.nextOpeningInWords(now, style === 'voice' ? 'spoken' : 'written'),
              }),
        },
      };
    }

    case 'resolve':
      return resolveNow(contact, service, ctx, { base, say, referenceFor, commitmentFor, linkToOpenCase });
  }
}

interface Helpers {
  base: Omit<ContactOutcome, 'message'>;
  say: (templateId: string, values?: Record<string, string>) => string;
  referenceFor: (reference: string) => string;
  commitmentFor: (c: Case) => string;
  linkToOpenCase: (existing: Case, templateId: string, values: Record<string, string>) => Plan;
}

function resolveNow(contact: Contact, service: Service, ctx: PlanContext, h: Helpers): Plan {
  const { catalogue, now } = ctx;
  const resolved = (message: string): Plan => ({ write: 'contact', outcome: { ...h.base, firstContactResolved: true, message } });
  const notYet = (message: string): Plan => ({ write: 'contact', outcome: { ...h.base, decision: 'ask', message } });
  const resolution = service.resolution;
  if (contact.takenBy?.resolvedNote) {
    return resolved(`Resolved at first contact by ${contact.takenBy.adviserId}: ${contact.takenBy.resolvedNote}`);
  }

  switch (resolution.mode) {
    case 'answer':
      return resolved(h.say('answer', { text: answerText(catalogue, resolution.answerId, contact.channel, now) }));
    case 'self-service':
      return resolved(h.say('self-service', { service: service.name, url: resolution.url }));
    case 'handoff':
      throw new Error(`service '${service.id}' cannot be resolved at first contact`);
    case 'lookup':
      break;
  }

  if (resolution.lookupId === 'case-status') {
    const quoted = ctx.quotedCase;
    if (quoted === undefined) return notYet(h.say('needs-reference'));
    if (quoted === null) return notYet(h.say('case-not-found', { reference: h.referenceFor(findReference(contact.text) ?? '') }));
    // Status and due time are for the resident who reported it, known by the same phone or email.
    const isOwner = quoted.customerKey !== undefined && quoted.customerKey === customerKeyOf(contact.resident);
    if (!isOwner) return resolved(h.say('case-status-not-yours', { reference: h.referenceFor(quoted.reference) }));
    const reference = h.referenceFor(quoted.reference);
    if (!isOpen(quoted)) return resolved(h.say('case-status-resolved', { reference, service: quoted.serviceName }));
    // Chasing progress on an open case is failure demand: link it to the case and count it.
    const plan = h.linkToOpenCase(quoted, 'case-status', {
      reference,
      service: quoted.serviceName,
      status: describeStatus(quoted.status),
      due: h.commitmentFor(quoted),
    });
    return { ...plan, outcome: { ...plan.outcome, firstContactResolved: true } };
  }

  // bin-day
  const postcode = findPostcode(contact.text) ?? (contact.details?.postcode ? findPostcode(contact.details.postcode) : undefined);
  if (!postcode) return notYet(h.say('needs-postcode'));
  const rounds = catalogue.binRounds(postcode);
  if (!rounds) return notYet(h.say('bin-day-unknown', { postcode }));
  const style = styleFor(contact.channel) === 'voice' ? 'spoken' : 'written';
  return resolved(
    h.say('bin-day', {
      address: `${rounds.streets.join(', ')} (${postcode})`,
      collections: describeCollections(nextCollections(rounds, now, catalogue.calendar), now, style),
    }),
  );
}

/**
 * The outcome of a further contact an adviser records about an open case (the resident chasing it,
 * or adding to it): a repeat contact linked to the case, failure demand like any other repeat.
 */
export function repeatContactOutcome(contact: Contact, existing: Case, ctx: { catalogue: Catalogue; now: Date }): ContactOutcome {
  const commitment = describeCommitment(existing.sla.dueAt, ctx.catalogue.calendar, contact.channel, ctx.now);
  const reference = styleFor(contact.channel) === 'voice' ? spokenReference(existing.reference) : existing.reference;
  return {
    contactId: contact.id,
    decision: 'handoff',
    firstContactResolved: false,
    service: { id: existing.serviceId, name: existing.serviceName },
    teamId: existing.teamId,
    reference: existing.reference,
    repeatOf: existing.reference,
    dueAt: existing.sla.dueAt,
    commitment,
    message: renderMessage(ctx.catalogue, 'repeat-contact', contact.channel, {
      reference,
      service: existing.serviceName,
      status: describeStatus(existing.status),
      commitment,
    }),
  };
}
