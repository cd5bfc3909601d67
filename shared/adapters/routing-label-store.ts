// The council's labels for the router, read from the platform table by an offline job
// (`npm run routing:train`, docs/routing.md "Learning from the council"). A Scan with a filter,
// page by page: acceptable for a job run by hand now and then, never on a request's path. It
// reads only the fields a label needs (no resident's name, phone, email or address), then the
// rerouted cases by key.
import { BatchGetCommand, paginateScan, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { LabelRecord, LabelStore } from '#app/routing-labels';
import type { Case } from '#domain/case';
import type { CaseEvent } from '#domain/case-lifecycle';
import type { Contact } from '#domain/contact';
import type { RoutingRecord } from '#domain/routing';
import { dynamo } from './aws.ts';
import { config } from './config.ts';
import { readAllKeys, type BatchGetPage } from './dynamo.ts';
import { keys } from './store.ts';

const BATCH_GET_MAX_KEYS = 100;

/**
 * The labels' records in `tableName` (the platform's table unless named), through `client` (the
 * platform's DynamoDB client unless given: a named AWS table or the local stack's endpoint).
 */
export function dynamoLabelStore(options: { client?: DynamoDBDocumentClient; tableName?: string } = {}): LabelStore {
  return {
    async *labelRecords() {
      const client = options.client ?? dynamo();
      const TableName = options.tableName ?? config.tableName;
      const references = new Set<string>();
      const pages = paginateScan(
        { client },
        {
          TableName,
          FilterExpression:
            '(#entity = :contact AND attribute_exists(#routing.suggested)) OR (#entity = :event AND #event.#action IN (:reroute, :returnToTeam))',
          // Reserved words (text, action, ...) as names: every attribute by its placeholder.
          ProjectionExpression: '#entity, #routing, #contact.#id, #contact.#text, #contact.#receivedAt, #contact.#takenBy, #event',
          ExpressionAttributeNames: {
            '#entity': 'entity',
            '#routing': 'routing',
            '#contact': 'contact',
            '#id': 'id',
            '#text': 'text',
            '#receivedAt': 'receivedAt',
            '#takenBy': 'takenBy',
            '#event': 'event',
            '#action': 'action',
          },
          ExpressionAttributeValues: { ':contact': 'contact', ':event': 'case-event', ':reroute': 'reroute', ':returnToTeam': 'return-to-team' },
        },
      );
      for await (const page of pages) {
        for (const item of page.Items ?? []) {
          if (item.entity === 'contact') {
            yield { kind: 'adviser-contact', contact: item.contact as LabelContact, routing: item.routing as RoutingRecord };
          } else {
            const event = item.event as CaseEvent;
            references.add(event.reference);
            yield { kind: 'case-event', event };
          }
        }
      }
      // The rerouted cases' words, by key, a hundred at a time.
      const page: BatchGetPage = async (Keys) => {
        const answer = await client.send(
          new BatchGetCommand({
            RequestItems: {
              [TableName]: {
                Keys,
                ProjectionExpression: '#case.#reference, #case.#description, #case.#contactId',
                ExpressionAttributeNames: { '#case': 'case', '#reference': 'reference', '#description': 'description', '#contactId': 'contactId' },
              },
            },
          }),
        );
        return { items: answer.Responses?.[TableName] ?? [], unprocessed: answer.UnprocessedKeys?.[TableName]?.Keys ?? [] };
      };
      const all = [...references].map((reference) => keys.case(reference));
      for (let i = 0; i < all.length; i += BATCH_GET_MAX_KEYS) {
        for (const item of await readAllKeys(all.slice(i, i + BATCH_GET_MAX_KEYS), page)) {
          yield { kind: 'case', case: item.case as LabelCase } satisfies LabelRecord;
        }
      }
    },
  };
}

type LabelContact = Pick<Contact, 'id' | 'text' | 'receivedAt' | 'takenBy'>;
type LabelCase = Pick<Case, 'reference' | 'description' | 'contactId'>;
