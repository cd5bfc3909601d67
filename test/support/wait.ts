// Asynchronous flows (write -> stream -> queue -> consumer) are tested by polling with a deadline.

/** Reads until `done` says so or the deadline passes, and returns the last value read. */
export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, deadlineMs = 15_000): Promise<T> {
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
