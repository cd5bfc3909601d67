// Learning from the council (docs/routing.md, "Learning from the council"): the platform's own
// records as labelled examples for the router. An adviser who chose another service than routing
// suggested, an adviser who resolved a contact under another service, and a team (or adviser) who
// rerouted a case each say which service the resident's words were really about.
import { createHash } from 'node:crypto';
import type { Case } from '#domain/case';
import type { CaseEvent } from '#domain/case-lifecycle';
import type { Catalogue, ServiceArea } from '#domain/catalogue';
import { detectEmergency } from '#domain/classify';
import type { Contact } from '#domain/contact';
import type { RoutingRecord } from '#domain/routing';

export const LABEL_SOURCES = ['adviser-override', 'adviser-resolved', 'team-reroute'] as const;
export type LabelSource = (typeof LABEL_SOURCES)[number];

/** One of the council's own labelled examples: the resident's words and the service they were about. */
export interface CouncilLabel {
  /** `contact:<contact id>` or `case:<reference>`: stable, so a label stays in the same slice across runs. */
  id: string;
  /** The resident's words (training only: never logged, never in a report). */
  text: string;
  serviceId: string;
  area: ServiceArea;
  source: LabelSource;
  /** When the label was given: the contact's time, or the case's last reroute. */
  at: string;
  /** The adviser's reason for choosing another service, or the team's for rerouting. */
  reason?: string;
}

/** What the table holds that can give a label, as the store reads it (only the fields used here). */
export type LabelRecord =
  /** A contact an adviser took, with how it was routed (`routing.suggested` is what the words suggested). */
  | { kind: 'adviser-contact'; contact: Pick<Contact, 'id' | 'text' | 'receivedAt' | 'takenBy'>; routing: RoutingRecord }
  /** A case's reroute: a team's `reroute`, or an adviser's `return-to-team` to another service. */
  | { kind: 'case-event'; event: Pick<CaseEvent, 'reference' | 'version' | 'at' | 'action' | 'detail'> }
  /** A rerouted case: its words, and the contact that opened it. */
  | { kind: 'case'; case: Pick<Case, 'reference' | 'description' | 'contactId'> };

export interface LabelStore {
  /** Every contact an adviser took with a routing suggestion, every reroute event and the cases they name, page by page. */
  labelRecords(): AsyncIterable<LabelRecord>;
}

/** Why records that could have been labels are not. */
export interface LabelSkips {
  /** No words to learn from. */
  emptyText: number;
  /** Emergencies are found by rules, never learnt. */
  emergency: number;
  /** The service is no longer in the catalogue. */
  unknownService: number;
  /** The same contact or case, or the same words, labelled again: the latest label kept. */
  duplicate: number;
  /** Given before `since`. */
  beforeSince: number;
  /** A reroute whose case was not found. */
  caseMissing: number;
}

export interface CouncilLabels {
  labels: CouncilLabel[];
  skipped: LabelSkips;
}

/** A reroute event that moved the case to another service: the service it went to, else undefined. */
function reroutedTo(event: Pick<CaseEvent, 'action' | 'detail'>): string | undefined {
  const { fromService, toService } = event.detail;
  if (event.action === 'reroute') return toService;
  // An adviser's return to a team is a reroute only when it names another service.
  if (event.action === 'return-to-team' && fromService !== undefined && toService !== fromService) return toService;
  return undefined;
}

const later = (a: { at: string; version: number }, b: { at: string; version: number }) => a.at > b.at || (a.at === b.at && a.version > b.version);

/** Words compared for duplicates: case, spacing and punctuation aside. */
const sameWords = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/**
 * The council's labelled examples from the table's records (pure: the store reads them):
 * - `adviser-override`: an adviser's contact whose chosen service differs from what routing
 *   suggested, whatever the suggestion's kind (a deferral the adviser settled is a label too);
 * - `adviser-resolved`: the same, resolved by the adviser there and then (`resolvedNote`);
 * - `team-reroute`: a rerouted case's words with the service it was last rerouted to (a case
 *   rerouted twice is one example). It stands for the adviser's contact that opened the case.
 * Empty words and emergencies are skipped, and so is a service no longer in the catalogue. One
 * example per contact or case, and per wording: the latest label of the same words wins.
 */
export function councilLabels(records: Iterable<LabelRecord>, catalogue: Pick<Catalogue, 'service'>, options: { since?: string } = {}): CouncilLabels {
  const skipped: LabelSkips = { emptyText: 0, emergency: 0, unknownService: 0, duplicate: 0, beforeSince: 0, caseMissing: 0 };
  const candidates = new Map<string, Omit<CouncilLabel, 'area'> & { contactId?: string }>();
  const lastReroutes = new Map<string, Pick<CaseEvent, 'at' | 'version' | 'detail'> & { serviceId: string }>();
  const cases = new Map<string, Pick<Case, 'reference' | 'description' | 'contactId'>>();
  const emergencies = new Set<string>();

  for (const record of records) {
    if (record.kind === 'adviser-contact') {
      const { contact, routing } = record;
      const { suggested } = routing;
      if (!suggested || routing.serviceId === suggested.serviceId || !contact.takenBy) continue;
      const id = `contact:${contact.id}`;
      if (candidates.has(id)) skipped.duplicate++;
      if (routing.kind === 'emergency' || suggested.kind === 'emergency') emergencies.add(id);
      const { overrideReason, resolvedNote } = contact.takenBy;
      candidates.set(id, {
        id,
        text: contact.text,
        serviceId: routing.serviceId,
        source: resolvedNote ? 'adviser-resolved' : 'adviser-override',
        at: contact.receivedAt,
        ...(overrideReason ? { reason: overrideReason } : {}),
      });
    } else if (record.kind === 'case-event') {
      const serviceId = reroutedTo(record.event);
      if (serviceId === undefined) continue;
      const seen = lastReroutes.get(record.event.reference);
      if (seen) skipped.duplicate++;
      if (!seen || later(record.event, seen)) lastReroutes.set(record.event.reference, { ...record.event, serviceId });
    } else {
      cases.set(record.case.reference, record.case);
    }
  }

  // A rerouted case: the service it was last rerouted to. It stands in for the contact that opened it.
  for (const [reference, reroute] of lastReroutes) {
    const kase = cases.get(reference);
    if (!kase) {
      skipped.caseMissing++;
      continue;
    }
    const opening = `contact:${kase.contactId}`;
    if (candidates.delete(opening)) skipped.duplicate++;
    candidates.set(`case:${reference}`, {
      id: `case:${reference}`,
      text: kase.description,
      serviceId: reroute.serviceId,
      source: 'team-reroute',
      at: reroute.at,
      ...(reroute.detail.reason ? { reason: reroute.detail.reason } : {}),
    });
  }

  const byWords = new Map<string, CouncilLabel>();
  for (const candidate of candidates.values()) {
    if (options.since !== undefined && candidate.at < options.since) {
      skipped.beforeSince++;
      continue;
    }
    const text = typeof candidate.text === 'string' ? candidate.text.trim() : '';
    const words = sameWords(text);
    if (!words) {
      skipped.emptyText++;
      continue;
    }
    if (emergencies.has(candidate.id) || detectEmergency(text) !== null) {
      skipped.emergency++;
      continue;
    }
    const service = catalogue.service(candidate.serviceId);
    if (!service) {
      skipped.unknownService++;
      continue;
    }
    const label: CouncilLabel = { ...candidate, text, area: service.area };
    const earlier = byWords.get(words);
    if (earlier) skipped.duplicate++;
    if (!earlier || label.at >= earlier.at) byWords.set(words, label);
  }
  const labels = [...byWords.values()].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));
  return { labels, skipped };
}

/** The council's labels read from the store (every page of it). */
export async function readCouncilLabels(store: LabelStore, catalogue: Pick<Catalogue, 'service'>, options: { since?: string } = {}): Promise<CouncilLabels> {
  const records: LabelRecord[] = [];
  for await (const record of store.labelRecords()) records.push(record);
  return councilLabels(records, catalogue, options);
}

/** About a fifth of the labels, held back from training to judge a new model against the current one. */
export const HELD_BACK_SHARE = 0.2;

/**
 * Whether a label is in the held-back slice: decided by a hash of its id alone, so a label stays in
 * the same slice however often the model is retrained and whatever else is in the table.
 */
export function isHeldBack(id: string, share = HELD_BACK_SHARE): boolean {
  const hash = createHash('sha256').update(id).digest();
  return hash.readUInt32BE(0) / 2 ** 32 < share;
}

/** The labels to train on and those held back. */
export function splitLabels(labels: CouncilLabel[], share = HELD_BACK_SHARE): { training: CouncilLabel[]; heldBack: CouncilLabel[] } {
  const heldBack = labels.filter((label) => isHeldBack(label.id, share));
  return { training: labels.filter((label) => !isHeldBack(label.id, share)), heldBack };
}
