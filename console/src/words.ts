// A failed answer from the council's systems, in words for the person at the counter: the API's
// own `error` when it gave one, else what the status means. Never a raw body or a stack trace.

function sentence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed) return trimmed;
  // A capital for an ordinary first word; a username or a code stays as it is written.
  const first = /^[a-z]+[\s,:]/.test(trimmed) ? trimmed[0]!.toUpperCase() + trimmed.slice(1) : trimmed;
  return /[.!?]$/.test(first) ? first : `${first}.`;
}

/** The words for a failed answer: the API's own `error`, else what the status means. */
export function describeFailure(status: number, body: unknown): string {
  const error = typeof body === 'object' && body !== null ? (body as { error?: unknown }).error : undefined;
  if (typeof error === 'string' && error.trim()) return sentence(error);
  if (status === 404) return 'That was not found. Check the reference or address and try again.';
  if (status === 403) return 'You may not use this part of the console.';
  if (status === 429) return 'The console is busy. Wait a moment and try again.';
  if (status >= 500) return `The council's systems could not answer (error ${status}). Try again in a moment; if it keeps happening, tell the service desk.`;
  return `The request was not accepted (error ${status}).`;
}
