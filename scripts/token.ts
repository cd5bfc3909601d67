// `npm run token -- amara.okafor`: an access token from the local stack's fake Cognito for one of
// its seeded people, for trying the console API with curl (`npm start` must be running). Prints
// the token alone, so `TOKEN=$(npm run --silent token -- amara.okafor)` works. The stack is at
// http://localhost:$PORT (3000 by default), or at FRONTDOOR_URL.
import { SEEDED_PEOPLE } from '../infra/local/fake-cognito.ts';
import { signInLocally } from '../infra/local/sign-in.ts';

const username = process.argv[2] ?? '';
const people = SEEDED_PEOPLE.map((p) => `${p.username} (${p.groups.join(', ')})`).join(', ');
if (!SEEDED_PEOPLE.some((p) => p.username === username)) {
  console.error(`usage: npm run token -- <username>, one of: ${people}`);
  process.exit(2);
}
const gatewayUrl = (process.env.FRONTDOOR_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, '');
try {
  console.log((await signInLocally(gatewayUrl, username)).accessToken);
} catch (error) {
  console.error(`could not sign in at ${gatewayUrl} (is npm start running?): ${(error as Error).message}`);
  process.exit(1);
}
