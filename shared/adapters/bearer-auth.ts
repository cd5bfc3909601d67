// Bearer keys from a secret of "name:token" entries (service teams' systems: TEAM_API_KEYS, where
// the name is the team id). Compared in constant time; a key never reaches a log. People sign in
// instead (people-auth.ts).
import { createHash, timingSafeEqual } from 'node:crypto';
import { HttpError, type HttpEvent } from './http.ts';
import { readSecretList } from './secrets.ts';

const digest = (value: string) => createHash('sha256').update(value).digest();

export class UnauthorisedError extends HttpError {
  constructor(message: string) {
    super(401, message);
  }
}

/** The name the secret gives a valid `Authorization: Bearer <token>`; 401 otherwise. */
export async function authenticate(event: HttpEvent, secretEnv: string, whose: string): Promise<string> {
  const match = /^Bearer\s+(\S+)$/i.exec(event.headers.authorization ?? '');
  if (!match) throw new UnauthorisedError(`send the ${whose} token as 'Authorization: Bearer <token>'`);
  const offered = digest(match[1]!);
  let name: string | undefined;
  for (const entry of await readSecretList(secretEnv)) {
    const at = entry.indexOf(':');
    if (at <= 0) continue;
    // Check every entry, so the time taken does not say which one matched.
    if (timingSafeEqual(offered, digest(entry.slice(at + 1)))) name ??= entry.slice(0, at);
  }
  if (!name) throw new UnauthorisedError(`that ${whose} token is not valid`);
  return name;
}

export const authenticateTeam = (event: HttpEvent) => authenticate(event, 'TEAM_API_KEYS', 'team');
