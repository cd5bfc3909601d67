// CSN advisers' console: a bearer token per adviser, from the ADVISER_TOKENS secret
// ("name:token,name:token"). Compared in constant time; the token never reaches a log.
import { createHash, timingSafeEqual } from 'node:crypto';
import { HttpError, type HttpEvent } from './http.ts';
import { readSecretList } from './secrets.ts';

const digest = (value: string) => createHash('sha256').update(value).digest();

export class UnauthorisedError extends HttpError {
  constructor(message: string) {
    super(401, message);
  }
}

/** The adviser's name for a valid `Authorization: Bearer <token>`; 401 otherwise. */
export async function authenticateAdviser(event: HttpEvent): Promise<string> {
  const match = /^Bearer\s+(\S+)$/i.exec(event.headers.authorization ?? '');
  if (!match) throw new UnauthorisedError("send the adviser's token as 'Authorization: Bearer <token>'");
  const offered = digest(match[1]!);
  let adviser: string | undefined;
  for (const entry of await readSecretList('ADVISER_TOKENS')) {
    const at = entry.indexOf(':');
    if (at <= 0) continue;
    // Check every entry, so the time taken does not say which one matched.
    if (timingSafeEqual(offered, digest(entry.slice(at + 1)))) adviser ??= entry.slice(0, at);
  }
  if (!adviser) throw new UnauthorisedError('that adviser token is not valid');
  return adviser;
}
