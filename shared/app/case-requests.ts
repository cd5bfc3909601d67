// An action request on a case: the case version the caller saw, with the action's own fields. A
// service team's (the service API) and a CSN adviser's (the console) are read the same way.
import { AdviserCaseActionSchema, CaseActionSchema, type AdviserCaseAction, type CaseAction } from '#domain/case-lifecycle';
import * as z from '#domain/schema';

/** An action schema (a union on `action`) with the version the caller saw added to each action. */
function versioned<A>(actions: z.ZodMiniType<A> & { def: { options: readonly z.ZodMiniObject[] } }): z.ZodMiniType<A & { version: number }> {
  return z.discriminatedUnion(
    'action',
    actions.def.options.map((option) => z.extend(option, { version: z.int().check(z.positive()) })) as unknown as [
      z.ZodMiniObject,
      ...z.ZodMiniObject[],
    ],
  ) as unknown as z.ZodMiniType<A & { version: number }>;
}

/** `{"version": 3, "action": "resolve", "outcome": "...", "messageToResident": "..."}` */
export type CaseActionRequest = CaseAction & { version: number };
export const CaseActionRequestSchema = versioned(CaseActionSchema);

/** `{"version": 3, "action": "further-contact", "channel": "phone", "note": "..."}` */
export type AdviserActionRequest = AdviserCaseAction & { version: number };
export const AdviserActionRequestSchema = versioned(AdviserCaseActionSchema);

/** The action without the version. */
export function withoutVersion<A>(request: A & { version: number }): A {
  const { version: _version, ...action } = request;
  return action as A;
}

export function toCaseAction(request: CaseActionRequest): CaseAction {
  return withoutVersion<CaseAction>(request);
}
