// The phone channel's steps, one per Twilio Voice webhook: greet the caller, route what they said
// or pressed through the routing layer, text them their reference if they want it, and record
// what Twilio reports about the call. Each returns the verbs the caller hears (a CallReply).
import type { Contact } from '#domain/contact';
import type { Notification } from '#domain/notification';
import {
  decideTurn,
  goodbye,
  greetCaller,
  notHeard,
  readCallInput,
  readCaller,
  readCallStatus,
  readConfirmReference,
  readGatherStep,
  readTransfer,
  replyAfterTransfer,
  replyToOutcome,
  textConfirmation,
  turnProviderId,
  wantsText,
  type CallReply,
  type CallStatusReport,
  type TransferReport,
  type VoiceScript,
} from './call-flow.ts';
import { acceptContact, type ContactDeps } from '#app/contacts';

/** Twilio's form parameters, or the query of the URL it called. */
export type TwilioValues = Readonly<Record<string, string | undefined>>;

export interface CallStore {
  /** Records that the call reached a status; the same status again changes nothing. */
  recordStatus(report: CallStatusReport, at: string): Promise<'recorded' | 'already-recorded'>;
  /** Records how the call's transfer to an adviser ended; a repeat changes nothing. */
  recordTransfer(report: TransferReport, at: string): Promise<'recorded' | 'already-recorded'>;
  /** The words recorded for an earlier turn of the call (to route them to the option chosen). */
  wordsOfTurn(callSid: string, attempt: number): Promise<string | undefined>;
}

export interface VoiceDeps extends ContactDeps {
  script: VoiceScript;
  calls: CallStore;
  /** Puts a message to the resident in the outbox; the same dedup key twice queues it once. */
  queueNotification(notification: Notification): Promise<'queued' | 'already-queued'>;
  /** Where advisers take transferred calls; undefined when none is configured. */
  adviserNumber(): string | undefined;
  newId(): string;
}

/** POST /twilio/voice: a call comes in. */
export async function answerCall(params: TwilioValues, deps: VoiceDeps): Promise<CallReply> {
  return readCaller(params) ? greetCaller(deps.script) : notHeard(deps.script);
}

/** POST /twilio/voice/gather: the caller spoke, pressed a key, or said nothing. */
export async function answerTurn(params: TwilioValues, query: TwilioValues, deps: VoiceDeps): Promise<CallReply> {
  const { script, catalogue } = deps;
  const caller = readCaller(params);
  const step = readGatherStep(query);
  if (!caller || !step) return notHeard(script);

  const turn = decideTurn(script, step, readCallInput(params), catalogue);
  if (turn.kind === 'reply') return turn.reply;

  const earlierWords = turn.wordsOfTurn ? await deps.calls.wordsOfTurn(caller.callSid, turn.wordsOfTurn) : undefined;
  const now = deps.clock.now();
  const contact: Contact = {
    id: deps.newId(),
    channel: 'phone',
    // The call and the turn: Twilio retrying this request gets the first answer back.
    providerId: turnProviderId(caller.callSid, step.attempt),
    receivedAt: now.toISOString(),
    text: earlierWords ?? turn.text,
    ...(turn.serviceId ? { serviceId: turn.serviceId } : {}),
    resident: caller.phone ? { phone: caller.phone } : {},
  };
  const outcome = await acceptContact(contact, deps);
  return replyToOutcome(script, outcome, {
    attempt: step.attempt,
    caller,
    adviserOpen: catalogue.calendar.isOpen(now),
    adviserNumber: deps.adviserNumber(),
  });
}

/** POST /twilio/voice/confirm?reference=...: the caller's answer to "shall I text you the reference?". */
export async function answerConfirm(params: TwilioValues, query: TwilioValues, deps: VoiceDeps): Promise<CallReply> {
  const { script, catalogue } = deps;
  const caller = readCaller(params);
  const reference = readConfirmReference(query);
  if (!caller || !reference) return notHeard(script);
  if (!wantsText(readCallInput(params), script)) return goodbye(script, [script.prompts.noText]);

  const kase = caller.phone ? await deps.store.getCase(reference) : undefined;
  // Only the resident who reported it, calling from the number on the case, is texted about it.
  const notification = kase && caller.phone ? textConfirmation(kase, caller.phone, catalogue, deps.clock.now()) : undefined;
  if (!notification) return goodbye(script, [script.prompts.textNotSent]);
  await deps.queueNotification(notification);
  return goodbye(script, [script.prompts.textSent]);
}

/** POST /twilio/voice/status: the call's status callback. */
export async function recordCallStatus(params: TwilioValues, deps: VoiceDeps): Promise<CallReply> {
  const report = readCallStatus(params);
  if (!report) return notHeard(deps.script);
  await deps.calls.recordStatus(report, deps.clock.now().toISOString());
  return [];
}

/** POST /twilio/voice/queue: how the transfer to an adviser ended (<Dial> or <Enqueue> action). */
export async function recordTransfer(params: TwilioValues, deps: VoiceDeps): Promise<CallReply> {
  const report = readTransfer(params);
  if (!report) return notHeard(deps.script);
  await deps.calls.recordTransfer(report, deps.clock.now().toISOString());
  return replyAfterTransfer(deps.script, report);
}
