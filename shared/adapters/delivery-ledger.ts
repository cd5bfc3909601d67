// The delivery ledger of send-notifications: each outbound message (SMS or email) delivered at most
// once per dedupKey, through Powertools idempotency (makeIdempotent) with its DynamoDB persistence
// layer on the platform table (keys: docs/data-model.md), and the opt-out check before an SMS.
import { IdempotencyAlreadyInProgressError, IdempotencyConfig, makeIdempotent } from '@aws-lambda-powertools/idempotency';
import { DynamoDBPersistenceLayer } from '@aws-lambda-powertools/idempotency/dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { Context } from 'aws-lambda';
import { DeliveryInProgressError, DeliveryNotRecordedError, type Delivery, type DeliveryLedger } from '#app/notifications';
import { dynamoClient } from './aws.ts';
import { config } from './config.ts';
import { days } from './dynamo.ts';
import { isOptedOut } from './notification-store.ts';

/** How long a delivery record is kept: SQS keeps a message at most 14 days. */
const DELIVERY_TTL_SECONDS = days(14);

/**
 * Where Powertools keeps the delivery records: one partition of the platform table, the sort key
 * `notification#<hash of the dedupKey>` (docs/data-model.md says why one partition is enough).
 */
const DELIVERY_RECORDS = { pk: 'IDEMPOTENCY#send-notifications', sortKeyPrefix: 'notification' } as const;

// The persistence layer holds its client: a new one when the clients are made afresh (a local
// stack started again in the same process, as a new Lambda container would).
let persistence: { client: DynamoDBClient; layer: DynamoDBPersistenceLayer } | undefined;
function deliveryRecords(): DynamoDBPersistenceLayer {
  const client = dynamoClient();
  if (persistence?.client !== client) {
    const layer = new DynamoDBPersistenceLayer({
      tableName: config.tableName,
      keyAttr: 'pk',
      sortKeyAttr: 'sk',
      staticPkValue: DELIVERY_RECORDS.pk,
      expiryAttr: 'expiresAt',
      awsSdkV3Client: client,
    });
    persistence = { client, layer };
  }
  return persistence.layer;
}

type DeliveryRecord = Delivery & { dedupKey: string };

/**
 * The delivery ledger of one invocation of send-notifications: each message delivered at most
 * once per dedupKey (Powertools makeIdempotent), its record kept 14 days. A delivery that dies
 * with the invocation (a timeout) leaves a claim that runs out when the invocation's time does,
 * so the queue's next delivery of the message takes it again.
 */
export function dynamoDeliveryLedger(context: Context): DeliveryLedger {
  const idempotency = new IdempotencyConfig({
    eventKeyJmesPath: 'dedupKey',
    throwOnNoIdempotencyKey: true,
    expiresAfterSeconds: DELIVERY_TTL_SECONDS,
    lambdaContext: context,
  });
  const deliverOnce = makeIdempotent(
    async (message: { dedupKey: string }, deliver: () => Promise<Delivery>): Promise<DeliveryRecord> => ({ dedupKey: message.dedupKey, ...(await deliver()) }),
    { persistenceStore: deliveryRecords(), config: idempotency, keyPrefix: DELIVERY_RECORDS.sortKeyPrefix },
  );

  return {
    isOptedOut,

    async deliverOnce(dedupKey, deliver) {
      let delivered: Delivery | undefined;
      let failure: { error: unknown } | undefined;
      try {
        const { dedupKey: _, ...delivery } = await deliverOnce({ dedupKey }, async () => {
          try {
            delivered = await deliver();
            return delivered;
          } catch (error) {
            failure = { error };
            throw error;
          }
        });
        return { delivery: delivery as Delivery, earlier: delivered === undefined };
      } catch (error) {
        if (delivered) throw new DeliveryNotRecordedError(delivered, { cause: error });
        // Its own error, even when Powertools could not remove the claim after it (the claim then
        // runs out with the invocation).
        if (failure) throw failure.error;
        if (error instanceof IdempotencyAlreadyInProgressError) throw new DeliveryInProgressError(dedupKey, { cause: error });
        throw error;
      }
    },
  };
}
