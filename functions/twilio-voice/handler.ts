// Twilio Voice webhooks: the IVR. One function serves the call's routes by route key; the steps are
// in shared/channels/voice/calls.ts, the wording and flow in call-flow.ts and voice.json.
import { answerCall, answerConfirm, answerTurn, recordCallStatus, recordTransfer, type TwilioValues, type VoiceDeps } from '#channels/voice/calls';
import { dynamoCallStore } from '#channels/voice/store';
import { config } from '#adapters/config';
import { ids } from '#adapters/ids';
import { putNotification } from '#adapters/store';
import { twilioHandler } from '#adapters/twilio-webhook';
import { contactDeps } from '#adapters/wiring';
import { voiceScript } from '#channels/voice/script';
import { apology, VOICE_PATHS, type CallReply } from '#channels/voice/call-flow';
import { renderTwiml } from '#channels/voice/twiml';

const deps: VoiceDeps = {
  ...contactDeps,
  script: voiceScript,
  calls: dynamoCallStore,
  queueNotification: putNotification,
  adviserNumber: () => config.optionalSetting('ADVISER_TRANSFER_NUMBER'),
  newId: ids.newId,
};

const steps: Record<string, (params: TwilioValues, query: TwilioValues) => Promise<CallReply>> = {
  [`POST ${VOICE_PATHS.call}`]: (params) => answerCall(params, deps),
  [`POST ${VOICE_PATHS.gather}`]: (params, query) => answerTurn(params, query, deps),
  [`POST ${VOICE_PATHS.confirm}`]: (params, query) => answerConfirm(params, query, deps),
  [`POST ${VOICE_PATHS.status}`]: (params) => recordCallStatus(params, deps),
  [`POST ${VOICE_PATHS.queue}`]: (params) => recordTransfer(params, deps),
};

export const handler = twilioHandler(
  async ({ params, event }) => {
    const step = steps[event.routeKey];
    if (!step) throw new Error(`twilio-voice has no step for ${event.routeKey}`);
    return renderTwiml(await step(params, event.queryStringParameters ?? {}), voiceScript.speaker);
  },
  () => renderTwiml(apology(voiceScript), voiceScript.speaker),
);
