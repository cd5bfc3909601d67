// AWS clients, created once per process. Locally the SDK's own service-specific endpoint
// variables (AWS_ENDPOINT_URL_DYNAMODB, AWS_ENDPOINT_URL_SQS, ...) point them at the emulators,
// so this code is the same on AWS and on this machine.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

let dynamoDbClient: DynamoDBClient | undefined;
let documentClient: DynamoDBDocumentClient | undefined;
let sqsClient: SQSClient | undefined;

/** The plain DynamoDB client that dynamo() wraps, for a library that takes one (Powertools idempotency). */
export function dynamoClient(): DynamoDBClient {
  dynamoDbClient ??= new DynamoDBClient({});
  return dynamoDbClient;
}

export function dynamo(): DynamoDBDocumentClient {
  documentClient ??= DynamoDBDocumentClient.from(dynamoClient(), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return documentClient;
}

export function sqs(): SQSClient {
  sqsClient ??= new SQSClient({});
  return sqsClient;
}

/** Forgets the clients, so the next call makes new ones from the environment as it is now (the
 * local stack does this when it starts, as a new Lambda container would). */
export function resetAwsClients(): void {
  dynamoDbClient?.destroy();
  sqsClient?.destroy();
  dynamoDbClient = undefined;
  documentClient = undefined;
  sqsClient = undefined;
}

/** Every item a query matches, page after page (a Limit or a filter can leave more pages);
 * stop iterating to stop reading. */
export async function* queryItems(input: QueryCommandInput): AsyncGenerator<Record<string, unknown>> {
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    yield* page.Items ?? [];
    start = page.LastEvaluatedKey;
  } while (start);
}
