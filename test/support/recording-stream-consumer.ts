// Stands in for the table-stream consumers' handlers in an integration test: keeps every record
// the local stream mapping gives a function, then runs that function's own handler. Only the
// entry changes (recordingStreamConsumers): the filters, the mapping and the handlers are the
// registry's, so a test can show which records reached which consumer.
import type { Context, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import type { PlatformDefinition } from '../../infra/registry.ts';

const ENTRY = 'test/support/recording-stream-consumer.ts';

type StreamHandler = (event: DynamoDBStreamEvent, context: Context) => Promise<unknown>;
// Loaded on first use, after the stack has set the environment, as the Lambda runtime would.
const HANDLERS: Record<string, () => Promise<{ handler: StreamHandler }>> = {
  'frontdoor-dispatch-handoffs': () => import('../../functions/dispatch-handoffs/handler.ts'),
  'frontdoor-update-measures': () => import('../../functions/update-measures/handler.ts'),
};

// On globalThis: the stack loads this module by its file URL, the test by its path.
const DELIVERED = Symbol.for('frontdoor.test.streamDeliveries');
const registry = globalThis as { [DELIVERED]?: Map<string, DynamoDBRecord[]> };

/** Every record the stream mapping gave the function `frontdoor-<name>`, in order, retries included. */
export function deliveredTo(name: string): DynamoDBRecord[] {
  return registry[DELIVERED]?.get(`frontdoor-${name}`) ?? [];
}

export async function handler(event: DynamoDBStreamEvent, context: Context): Promise<unknown> {
  const load = HANDLERS[context.functionName];
  if (!load) throw new Error(`${context.functionName} is not a table-stream consumer this recorder knows`);
  const delivered = (registry[DELIVERED] ??= new Map());
  delivered.set(context.functionName, [...(delivered.get(context.functionName) ?? []), ...event.Records]);
  return (await load()).handler(event, context);
}

/** The platform with every table-stream consumer's entry pointed at this recorder. */
export function recordingStreamConsumers(platform: PlatformDefinition): PlatformDefinition {
  return {
    ...platform,
    functions: platform.functions.map((fn) => {
      if (!fn.tableStream) return fn;
      if (!HANDLERS[`frontdoor-${fn.name}`]) throw new Error(`add ${fn.name}'s handler to the recorder`);
      return { ...fn, entry: ENTRY };
    }),
  };
}
