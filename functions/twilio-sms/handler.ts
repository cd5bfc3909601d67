// POST /twilio/sms: Twilio's Messaging webhook. One step of the resident's SMS conversation,
// answered with TwiML; a forged or missing signature gets 403 (twilioHandler).
import MessagingResponse from 'twilio/lib/twiml/MessagingResponse.js';
import { smsDeps } from '#channels/sms/wiring';
import { twilioHandler } from '#adapters/twilio-webhook';
import { receiveSms, smsApology } from '#channels/sms/receive';

function twimlMessage(text: string): string {
  const response = new MessagingResponse();
  response.message(text);
  return response.toString();
}

export const handler = twilioHandler(
  async ({ params }) => twimlMessage(await receiveSms(params, smsDeps)),
  () => twimlMessage(smsApology(smsDeps)),
);
