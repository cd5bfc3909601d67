// One change to one item of the platform table, as the table's stream tells it, with the item's
// images already decoded into plain objects (shared/adapters/stream.ts does that): what the stream
// consumers' application code works on, one change at a time.

export type ChangeEvent = 'INSERT' | 'MODIFY' | 'REMOVE';

export interface ItemChange {
  event: ChangeEvent;
  /** The stream record's id: the same on every delivery of the same record. */
  recordId: string;
  /** The item's keys as `<pk>/<sk>`, to name it in logs. */
  key: string;
  /** The item before the change (MODIFY, REMOVE). */
  before?: Record<string, unknown>;
  /** The item after the change (INSERT, MODIFY). */
  after?: Record<string, unknown>;
}

/**
 * An item a consumer can never handle: retrying cannot mend it, so it is logged and passed over
 * rather than holding back the records behind it. Any other error stops the batch at its record.
 */
export class UnreadableItemError extends Error {
  override name = 'UnreadableItemError';
}
