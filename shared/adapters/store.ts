// The platform table (single-table design; keys and access patterns: docs/data-model.md).
// The only module that knows item keys.
import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { CaseStore } from '#app/cases';
import type { ContactRecord, ContactStore } from '#app/contacts';
import type { FailureDemandStore } from '#app/failure-demand';
import type { FeedStore } from '#app/feed';
import type { NameMatch, ResidentMention, ResidentRecord, ResidentStore } from '#app/residents';
import type { Case } from '#domain/case';
import type { CaseEvent } from '#domain/case-lifecycle';
import type { HandoffMessage } from '#domain/handoff';
import { nextSlaCheck } from '#domain/sla-monitor';
import { customerKeyOf } from '#domain/case';
import { londonTimeOf } from '#domain/calendar';
import type { Channel, Contact } from '#domain/contact';
import type { FailureDemandMark } from '#domain/failure-demand';
import type { Notification } from '#domain/notification';
import type { ContactOutcome } from '#domain/outcome';
import type { RoutingRecord } from '#domain/routing';
import { nameWords } from '#domain/resident';
import { dynamo, queryItems } from './aws.ts';
import { ratingAskedItem } from './notification-store.ts';
import { config } from './config.ts';
import { cancellationOf, conditionFailed, days, expiresAfter, onlyIfNew, putIfNew, queryPage, type TransactItem } from './dynamo.ts';

const OUTBOX_TTL_DAYS = 14;

export const keys = {
  /** A contact is keyed by its channel's own id for it, which makes recording it idempotent. */
  contact: (channel: Channel, providerId: string) => ({ pk: `CONTACT#${channel}#${providerId}`, sk: 'CONTACT' }),
  case: (reference: string) => ({ pk: `CASE#${reference}`, sk: 'CASE' }),
  /** A message to a resident waiting in the outbox; the dedup key makes writing it idempotent. */
  notification: (dedupKey: string) => ({ pk: `NOTIFY#${dedupKey}`, sk: 'NOTIFY' }),
  event: (reference: string, version: number, at: string, action: string) => ({
    pk: `CASE#${reference}`,
    sk: `EVENT#${at}#${String(version).padStart(6, '0')}#${action}`,
  }),
  handoff: (reference: string, version: number) => ({
    pk: `CASE#${reference}`,
    sk: `HANDOFF#${String(version).padStart(6, '0')}`,
  }),
  /** One word of a resident's recorded name, for finding them by name (listed in byLookup). */
  residentName: (customerKey: string, word: string) => ({ pk: `RESIDENT#${customerKey}`, sk: `NAME#${word}` }),
  /** An email address of a resident known by their phone number, for finding them by it (listed in byLookup). */
  residentEmail: (customerKey: string, email: string) => ({ pk: `RESIDENT#${customerKey}`, sk: `EMAIL#${email}` }),
};

export const INDEXES = {
  byCustomer: 'byCustomer',
  byTeamDue: 'byTeamDue',
  byDay: 'byDay',
  bySlaNext: 'bySlaNext',
  byLookup: 'byLookup',
} as const;

/** The console's look-ups in the byLookup index: a day's contacts, and residents by a word of their name or by an email address. */
export const lookupKeys = {
  contactsOn: (day: string) => `CONTACTS#${day}`,
  nameWord: (word: string) => `NAME#${word}`,
  email: (email: string) => `EMAIL#${email}`,
};
/** The one partition of bySlaNext: a council's open cases fit one index partition comfortably. */
export const SLA_WATCH = 'SLA';

function contactItem(contact: Contact, outcome: ContactOutcome, failureDemand?: FailureDemandMark, routing?: RoutingRecord) {
  return {
    ...keys.contact(contact.channel, contact.providerId),
    entity: 'contact',
    contact,
    outcome,
    // How routing decided (and, for an adviser's contact, what it suggested), by which router version.
    ...(routing ? { routing } : {}),
    // An adviser's mark of failure demand: made as they record it, or later (dynamoFailureDemandStore).
    ...(failureDemand ? { failureDemand } : {}),
    customerKey: customerKeyOf(contact.resident),
    createdAt: contact.receivedAt,
    // Listed under the Europe/London day it came in: the console's feed of the latest contacts (byLookup).
    lookupKey: lookupKeys.contactsOn(londonTimeOf(new Date(contact.receivedAt)).date),
    lookupAt: contact.receivedAt,
  };
}

/**
 * How a resident (a contact's customerKey) can be found besides their key, listed in the byLookup
 * index: one item per word of their name, and their email address when they are known by their
 * phone number. Each resident has one item per word and per address, rewritten by their latest
 * contact that gives it (a name item with the whole name as then recorded).
 */
function residentLookupItems(contact: Contact) {
  const customerKey = customerKeyOf(contact.resident);
  if (!customerKey) return [];
  const { name, email } = contact.resident;
  const common = { residentKey: customerKey, lookupAt: contact.receivedAt };
  return [
    ...(name ? nameWords(name) : []).map((word) => ({
      ...keys.residentName(customerKey, word),
      entity: 'resident-name',
      lookupKey: lookupKeys.nameWord(word),
      ...common,
      name,
    })),
    ...(email && customerKey !== customerKeyOf({ email })
      ? [{ ...keys.residentEmail(customerKey, email), entity: 'resident-email', lookupKey: lookupKeys.email(email), ...common }]
      : []),
  ];
}

/** The writes that record a contact: the contact, conditional on being new (its key is its provider id), and how to find its resident. */
function contactWrites(
  TableName: string,
  contact: Contact,
  outcome: ContactOutcome,
  failureDemand?: FailureDemandMark,
  routing?: RoutingRecord,
): TransactItem[] {
  return [
    { Put: { TableName, Item: contactItem(contact, outcome, failureDemand, routing), ConditionExpression: onlyIfNew } },
    ...residentLookupItems(contact).map((Item) => ({ Put: { TableName, Item } })),
  ];
}

/** The case with the attributes its indexes and filters use at the top level. */
export function caseItem(kase: Case) {
  const slaNextAt = nextSlaCheck(kase);
  return {
    ...keys.case(kase.reference),
    entity: 'case',
    case: kase,
    status: kase.status,
    customerKey: kase.customerKey,
    createdAt: kase.createdAt,
    createdDay: kase.createdAt.slice(0, 10),
    teamId: kase.teamId,
    // Only open cases carry dueAt, so the byTeamDue index holds open cases only.
    ...(kase.status === 'resolved' ? {} : { dueAt: kase.sla.dueAt }),
    // Only cases the SLA monitor must look at again carry these (the sparse index bySlaNext).
    ...(slaNextAt ? { slaWatch: SLA_WATCH, slaNextAt } : {}),
  };
}

/** The outbox item for a notification; put it alone or inside a transaction with its cause. */
export function notificationItem(notification: Notification) {
  return {
    ...keys.notification(notification.dedupKey),
    entity: 'notification',
    message: notification,
    expiresAt: expiresAfter(notification.createdAt, days(OUTBOX_TTL_DAYS)),
  };
}

/** Queues a message to a resident through the outbox; writing the same dedup key again does nothing. */
export async function putNotification(notification: Notification): Promise<'queued' | 'already-queued'> {
  return (await putIfNew(notificationItem(notification))) ? 'queued' : 'already-queued';
}

export const dynamoContactStore: ContactStore = {
  async findOutcome(channel, providerId) {
    const { Item } = await dynamo().send(
      new GetCommand({ TableName: config.tableName, Key: keys.contact(channel, providerId), ConsistentRead: true }),
    );
    return Item?.outcome as ContactOutcome | undefined;
  },

  async getCase(reference) {
    // Consistent: a team's next action must see the version its last one wrote.
    const { Item } = await dynamo().send(new GetCommand({ TableName: config.tableName, Key: keys.case(reference), ConsistentRead: true }));
    return Item?.case as Case | undefined;
  },

  async openCasesOf(customerKey) {
    // Contacts share the index, and a Limit applies before the filter: read every page.
    const cases: Case[] = [];
    for await (const item of queryItems({
      TableName: config.tableName,
      IndexName: INDEXES.byCustomer,
      KeyConditionExpression: 'customerKey = :key',
      FilterExpression: 'entity = :case AND #status <> :resolved',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':key': customerKey, ':case': 'case', ':resolved': 'resolved' },
      ScanIndexForward: false,
    })) {
      cases.push(item.case as Case);
    }
    return cases;
  },

  async record({ contact, plan, handoff, failureDemand, routing }: ContactRecord) {
    const TableName = config.tableName;
    // The contact first: a cancelled transaction's reason 0 is "recorded before".
    const [contactPut, ...lookups] = contactWrites(TableName, contact, plan.outcome, failureDemand, routing);
    try {
      if (plan.write === 'contact') {
        if (!lookups.length) await dynamo().send(new PutCommand(contactPut!.Put!));
        else await dynamo().send(new TransactWriteCommand({ TransactItems: [contactPut!, ...lookups] }));
        return 'recorded';
      }
      const second =
        plan.write === 'case'
          ? { Put: { TableName, Item: caseItem(plan.case), ConditionExpression: onlyIfNew } }
          : {
              Update: {
                TableName,
                Key: keys.case(plan.reference),
                // Only the count: the contact item itself says when the resident came back.
                UpdateExpression: 'SET #case.repeatContacts = #case.repeatContacts + :one',
                ConditionExpression: 'attribute_exists(pk)',
                ExpressionAttributeNames: { '#case': 'case' },
                ExpressionAttributeValues: { ':one': 1 },
              },
            };
      const outbox = plan.write === 'case' && handoff ? [{ Put: { TableName, Item: outboxHandoffItem(handoff) } }] : [];
      await dynamo().send(new TransactWriteCommand({ TransactItems: [contactPut!, second, ...outbox, ...lookups] }));
      return 'recorded';
    } catch (error) {
      if (plan.write === 'contact' && conditionFailed(error)) return 'duplicate';
      const cancelled = cancellationOf(error);
      if (cancelled?.conditionFailed(0)) return 'duplicate';
      if (plan.write === 'case' && cancelled?.conditionFailed(1)) return 'reference-taken';
      // Another writer had the case at that moment (a team's action on a repeat's case): try again.
      if (cancelled?.conflict) return 'conflict';
      throw error;
    }
  },
};

/** A contact or case item as the resident store reads it. */
function residentRecordOf(item: Record<string, unknown>): ResidentRecord {
  return item.entity === 'case'
    ? { kind: 'case', case: item.case as Case }
    : { kind: 'contact', ...contactRecordOf(item) };
}

/** A contact item's contact, outcome and adviser's mark. */
function contactRecordOf(item: Record<string, unknown>): { contact: Contact; outcome: ContactOutcome; failureDemand?: FailureDemandMark } {
  return {
    contact: item.contact as Contact,
    outcome: item.outcome as ContactOutcome,
    ...(item.failureDemand ? { failureDemand: item.failureDemand as FailureDemandMark } : {}),
  };
}

export const dynamoResidentStore: ResidentStore = {
  async recordsOf(customerKey, limit) {
    const items = await queryPage({
      IndexName: INDEXES.byCustomer,
      KeyConditionExpression: 'customerKey = :key',
      ExpressionAttributeValues: { ':key': customerKey },
      ScanIndexForward: false,
      Limit: limit,
    });
    return items.map(residentRecordOf);
  },

  async mentionsOf(customerKey) {
    // Every page, but only who the resident said they were: a few hundred bytes a record.
    const mentions: ResidentMention[] = [];
    for await (const item of queryItems({
      TableName: config.tableName,
      IndexName: INDEXES.byCustomer,
      KeyConditionExpression: 'customerKey = :key',
      ProjectionExpression: 'entity, createdAt, #contact.resident, #case.resident',
      ExpressionAttributeNames: { '#contact': 'contact', '#case': 'case' },
      ExpressionAttributeValues: { ':key': customerKey },
      ScanIndexForward: false,
    })) {
      const holder = (item.entity === 'case' ? item.case : item.contact) as { resident?: Contact['resident'] } | undefined;
      mentions.push({ kind: item.entity === 'case' ? 'case' : 'contact', at: item.createdAt as string, resident: holder?.resident ?? {} });
    }
    return mentions;
  },

  async residentsNamed(word, limit) {
    const items = await queryPage({
      IndexName: INDEXES.byLookup,
      KeyConditionExpression: 'lookupKey = :word',
      ExpressionAttributeValues: { ':word': lookupKeys.nameWord(word) },
      ScanIndexForward: false,
      Limit: limit,
    });
    return items.map((item): NameMatch => ({ customerKey: item.residentKey as string, name: item.name as string, seenAt: item.lookupAt as string }));
  },

  async residentsWithEmail(email, limit) {
    const items = await queryPage({
      IndexName: INDEXES.byLookup,
      KeyConditionExpression: 'lookupKey = :email',
      ExpressionAttributeValues: { ':email': lookupKeys.email(email) },
      ScanIndexForward: false,
      Limit: limit,
    });
    return items.map((item) => item.residentKey as string);
  },
};

export const dynamoFeedStore: FeedStore = {
  async contactsOn(day, limit) {
    const items = await queryPage({
      IndexName: INDEXES.byLookup,
      KeyConditionExpression: 'lookupKey = :day',
      ExpressionAttributeValues: { ':day': lookupKeys.contactsOn(day) },
      ScanIndexForward: false,
      Limit: limit,
    });
    return items.map(contactRecordOf);
  },
};

export const dynamoFailureDemandStore: FailureDemandStore = {
  async findMarkedContact(channel, providerId) {
    const { Item } = await dynamo().send(
      new GetCommand({ TableName: config.tableName, Key: keys.contact(channel, providerId), ConsistentRead: true }),
    );
    return Item?.entity === 'contact' ? contactRecordOf(Item) : undefined;
  },

  async saveMark(channel, providerId, expected, next) {
    // The mark as it was read: no mark, or the same kind by the same adviser at the same moment.
    const names: Record<string, string> = { '#mark': 'failureDemand' };
    const values: Record<string, unknown> = {};
    let condition = 'attribute_exists(pk) AND attribute_not_exists(#mark)';
    if (expected) {
      Object.assign(names, { '#kind': 'kind', '#by': 'by', '#at': 'at' });
      Object.assign(values, { ':kind': expected.kind, ':by': expected.by, ':at': expected.at });
      condition = '#mark.#kind = :kind AND #mark.#by = :by AND #mark.#at = :at';
    }
    if (next) values[':next'] = next;
    try {
      await dynamo().send(
        new UpdateCommand({
          TableName: config.tableName,
          Key: keys.contact(channel, providerId),
          UpdateExpression: next ? 'SET #mark = :next' : 'REMOVE #mark',
          ConditionExpression: condition,
          ExpressionAttributeNames: names,
          ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
        }),
      );
      return 'saved';
    } catch (error) {
      if (conditionFailed(error)) return 'stale';
      throw error;
    }
  },
};

function eventItem(event: CaseEvent) {
  return { ...keys.event(event.reference, event.version, event.at, event.action), entity: 'case-event', event, createdAt: event.at };
}

function outboxHandoffItem(message: HandoffMessage) {
  return {
    ...keys.handoff(message.caseReference, message.caseVersion),
    entity: 'handoff',
    message,
    expiresAt: expiresAfter(message.handedOffAt, days(OUTBOX_TTL_DAYS)),
  };
}

export const dynamoCaseStore: CaseStore = {
  getCase: (reference) => dynamoContactStore.getCase(reference),

  async events(reference) {
    const events: CaseEvent[] = [];
    for await (const item of queryItems({
      TableName: config.tableName,
      // Consistent: a retried action answers with the event its first request wrote.
      ConsistentRead: true,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :events)',
      ExpressionAttributeValues: { ':pk': keys.case(reference).pk, ':events': 'EVENT#' },
    })) {
      events.push(item.event as CaseEvent);
    }
    return events;
  },

  async worklist(teamId, limit) {
    const items = await queryPage({ IndexName: INDEXES.byTeamDue, KeyConditionExpression: 'teamId = :team', ExpressionAttributeValues: { ':team': teamId }, Limit: limit });
    return items.map((item) => item.case as Case);
  },

  async saveChange({ before, after, events, handoff, notifications, ratingAsked, contact }) {
    const TableName = config.tableName;
    const items: TransactItem[] = [
      {
        Put: {
          TableName,
          Item: caseItem(after),
          // Unchanged since it was read: same version, and no repeat contact counted meanwhile.
          ConditionExpression: '#case.version = :version AND #case.repeatContacts = :repeats',
          ExpressionAttributeNames: { '#case': 'case' },
          ExpressionAttributeValues: { ':version': before.version, ':repeats': before.repeatContacts },
        },
      },
      ...events.map((event) => ({ Put: { TableName, Item: eventItem(event), ConditionExpression: onlyIfNew } })),
      ...(handoff ? [{ Put: { TableName, Item: outboxHandoffItem(handoff), ConditionExpression: onlyIfNew } }] : []),
      ...notifications.map((n) => ({ Put: { TableName, Item: notificationItem(n), ConditionExpression: onlyIfNew } })),
      ...(ratingAsked ? [{ Put: { TableName, Item: ratingAskedItem(ratingAsked.phone, ratingAsked, new Date(after.updatedAt)) } }] : []),
    ];
    // The contact's own put (new only: its key is its provider id) is the first of its writes.
    const contactAt = contact ? items.length : undefined;
    if (contact) items.push(...contactWrites(TableName, contact.contact, contact.outcome));
    try {
      await dynamo().send(new TransactWriteCommand({ TransactItems: items }));
      return 'saved';
    } catch (error) {
      const cancelled = cancellationOf(error);
      // Its contact was recorded before (the same Idempotency-Key again), whatever else failed.
      if (contactAt !== undefined && cancelled?.conditionFailed(contactAt)) return 'duplicate';
      // The case changed since it was read, or another writer was changing it at that moment.
      if (cancelled?.conditionFailed(0) || cancelled?.codes[0] === 'TransactionConflict') return 'stale';
      throw error;
    }
  },

  async findContact(channel, providerId) {
    const { Item } = await dynamo().send(
      new GetCommand({ TableName: config.tableName, Key: keys.contact(channel, providerId), ConsistentRead: true }),
    );
    return Item ? { contact: Item.contact as Contact, outcome: Item.outcome as ContactOutcome } : undefined;
  },

  async dueForSlaCheck(now, limit) {
    const cases: Case[] = [];
    for await (const item of queryItems({
      TableName: config.tableName,
      IndexName: INDEXES.bySlaNext,
      KeyConditionExpression: 'slaWatch = :watch AND slaNextAt <= :now',
      ExpressionAttributeValues: { ':watch': SLA_WATCH, ':now': now },
      Limit: limit,
    })) {
      cases.push(item.case as Case);
      if (cases.length >= limit) break;
    }
    return cases;
  },
};
