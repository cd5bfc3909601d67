// What callers hear on the phone: greeting, keypad menu and prompts, from the council's
// shared/catalogue/voice.json, checked at load against the catalogue's services.
import { catalogue } from '#catalogue/index';
import voice from '../../catalogue/voice.json' with { type: 'json' };
import { buildVoiceScript } from './call-flow.ts';

export const voiceScript = buildVoiceScript(voice, catalogue, 'shared/catalogue/voice.json');
