// The SQS emulator (local-aws-sqs) in this process; it speaks the SDK's JSON protocol.
import type { Server } from 'node:http';
import { createSqsServer } from 'local-aws-sqs';

export interface SqsLocal {
  endpoint: string;
  stop(): Promise<void>;
}

export async function startSqsLocal(options: { port: number }): Promise<SqsLocal> {
  const server: Server = await createSqsServer({
    port: options.port,
    hostname: '127.0.0.1',
    region: 'eu-west-2',
    emulateQueueCreationLifecycle: false,
  });
  return {
    endpoint: `http://127.0.0.1:${options.port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
