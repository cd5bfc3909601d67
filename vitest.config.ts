import { defineConfig } from 'vitest/config';

// Four tiers, one command: pure unit tests, CDK assertions, integration tests that drive the real
// handlers through the local stack (DynamoDB Local + SQS emulator, started once per run), and
// browser tests that drive the console in Debian's Chromium against the same local stack.
export default defineConfig({
  test: {
    // Node 20 here, 22 on Lambda: silence the SDK's advance notice about Node 22 in test output.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      { extends: true, test: { name: 'infra', include: ['test/infra/**/*.test.ts'], testTimeout: 180_000, hookTimeout: 180_000 } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          // One file at a time: they share the stack's queues, and each consumes its own messages.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          // Debian's Chromium against the local stack with the console built and served.
          globalSetup: ['test/browser/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
