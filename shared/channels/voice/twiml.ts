// Renders a CallReply (call-flow.ts) as TwiML with Twilio's own builder: only the small
// VoiceResponse module, not the 'twilio' package root (3.7 MB bundled).
import VoiceResponse from 'twilio/lib/twiml/VoiceResponse.js';
import type { CallReply, Speaker, SpokenVerb } from './call-flow.ts';

type Sayer = Pick<VoiceResponse, 'say' | 'pause'> | Pick<VoiceResponse.Gather, 'say' | 'pause'>;
// voice.json is checked for shape at load; Twilio checks the voice and language names themselves.
type SayAttributes = VoiceResponse.SayAttributes;
type GatherLanguage = NonNullable<VoiceResponse.GatherAttributes['language']>;

function speak(into: Sayer, verb: SpokenVerb, speaker: Speaker): void {
  if (verb.verb === 'pause') {
    into.pause({ length: verb.seconds });
    return;
  }
  const attributes = { voice: speaker.voice, language: speaker.language } as SayAttributes;
  if (verb.slow) into.say(attributes, '').prosody({ rate: 'slow' }, verb.text);
  else into.say(attributes, verb.text);
}

export function renderTwiml(reply: CallReply, speaker: Speaker): string {
  const response = new VoiceResponse();
  for (const verb of reply) {
    switch (verb.verb) {
      case 'say':
      case 'pause':
        speak(response, verb, speaker);
        break;
      case 'gather': {
        const gather = response.gather({
          input: ['speech', 'dtmf'],
          action: verb.action,
          method: 'POST',
          language: speaker.language as GatherLanguage,
          speechTimeout: 'auto',
          ...(verb.numDigits ? { numDigits: verb.numDigits } : {}),
          ...(verb.actionOnEmptyResult ? { actionOnEmptyResult: true } : {}),
        });
        for (const said of verb.says) speak(gather, said, speaker);
        break;
      }
      case 'dial':
        response.dial({ action: verb.action, method: 'POST', timeout: verb.timeoutSeconds }, verb.number);
        break;
      case 'hangup':
        response.hangup();
        break;
    }
  }
  return response.toString();
}
