// The one place zod is configured. Everything validates with zod/mini and English messages:
//   import * as z from '#domain/schema';   (or './schema.ts' inside shared/domain)
// A namespace import of this module lets esbuild keep only the validators a function uses
// (~20 KB); re-exporting zod as one object would pull all of it (~430 KB) into every Lambda.
import { config, maxLength, minLength, refine, string, trim, type core } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';

// Control characters (other than tab and line breaks) are never part of what someone typed, and
// markup is never what they mean to say: neither must reach a team's screen.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const MARKUP = /<\s*\/?\s*[a-z!?][^>]*>/i;

/** True when the text holds an HTML tag or script. */
export const containsMarkup = (text: string): boolean => MARKUP.test(text);

/** Text a person typed: trimmed, 1..max characters, no control characters, no HTML or script. */
export function plainText(max: number) {
  return string().check(
    trim(),
    minLength(1),
    maxLength(max),
    refine((v) => !CONTROL.test(v), 'contains control characters; send plain text'),
    refine((v) => !MARKUP.test(v), 'contains HTML or script; send plain text'),
  );
}

export interface FieldProblem {
  field: string;
  message: string;
}

/** Turns zod issues into problems a caller can act on: which field, and what was wrong with it. */
export function describeIssues(error: core.$ZodError): FieldProblem[] {
  return error.issues.flatMap((issue) => {
    const at = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: at ? `${at}.${key}` : key,
        message: `'${key}' is not a field we accept`,
      }));
    }
    if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) {
      return [{ field: at || '(body)', message: 'is required' }];
    }
    return [{ field: at || '(body)', message: issue.message }];
  });
}

/** The first problem in data that failed validation: where (an unknown field names itself) and what. */
export function firstProblem(error: core.$ZodError): { path: PropertyKey[]; message: string } {
  const issue = error.issues[0]!;
  return issue.code === 'unrecognized_keys'
    ? { path: [...issue.path, issue.keys[0]!], message: `'${issue.keys[0]}' is not a field we accept` }
    : { path: issue.path, message: issue.message };
}
