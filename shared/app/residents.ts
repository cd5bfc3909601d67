// One resident across channels: their contacts and cases together, newest first, whichever
// channel they used, found by their phone number (any format) or email (any case).
import { customerKeyOf } from '#domain/case';
import type { CaseStatus } from '#domain/case';
import type { Channel, ResidentDetails } from '#domain/contact';
import type { DecisionKind } from '#domain/routing';
import { normaliseEmail, normalisePhone } from '#domain/resident';

export type HistoryEntry =
  | { kind: 'contact'; at: string; channel: Channel; decision: DecisionKind; reference?: string; repeatOf?: string; firstContactResolved: boolean }
  | { kind: 'case'; at: string; reference: string; status: CaseStatus; service: { id: string; name: string }; teamId: string; dueAt: string; repeatContacts: number };

export interface ResidentStore {
  /** Newest first. */
  historyOf(customerKey: string, limit: number): Promise<HistoryEntry[]>;
}

export class ResidentIdentityError extends Error {
  override name = 'ResidentIdentityError';
}

export async function residentHistory(store: ResidentStore, who: { phone?: string; email?: string }, limit = 50) {
  const resident: ResidentDetails = {};
  if (who.phone !== undefined) {
    const phone = normalisePhone(who.phone);
    if (!phone) throw new ResidentIdentityError(`'${who.phone}' is not a phone number`);
    resident.phone = phone;
  } else if (who.email !== undefined) {
    const email = normaliseEmail(who.email);
    if (!email) throw new ResidentIdentityError(`'${who.email}' is not an email address`);
    resident.email = email;
  }
  const key = customerKeyOf(resident);
  if (!key) throw new ResidentIdentityError('give a phone number or an email address');
  return store.historyOf(key, limit);
}
