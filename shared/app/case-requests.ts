// A service team's action request: the case version it saw, with the action's own fields.
import { CaseActionSchema, type CaseAction } from '#domain/case-lifecycle';
import * as z from '#domain/schema';

/** `{"version": 3, "action": "resolve", "outcome": "...", "messageToResident": "..."}` */
export type CaseActionRequest = CaseAction & { version: number };

export const CaseActionRequestSchema = z.discriminatedUnion(
  'action',
  CaseActionSchema.def.options.map((option) => z.extend(option, { version: z.int().check(z.positive()) })) as unknown as [
    z.ZodMiniObject,
    ...z.ZodMiniObject[],
  ],
) as unknown as z.ZodMiniType<CaseActionRequest>;

export function toCaseAction(request: CaseActionRequest): CaseAction {
  const { version: _version, ...action } = request;
  return action as CaseAction;
}
