// The one place zod is configured. Everything validates with zod/mini and English messages:
//   import * as z from '#domain/schema';   (or './schema.ts' inside shared/domain)
// A namespace import of this module lets esbuild keep only the validators a function uses
// (~20 KB); re-exporting zod as one object would pull all of it (~430 KB) into every Lambda.
import { config, type core } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

config(en());

export * from 'zod/mini';

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
