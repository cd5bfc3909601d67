// The council website's contact form: its JSON shape and how it becomes a Contact.
import type { Contact } from '#domain/contact';
import { normaliseEmail, normalisePhone } from '#domain/resident';
import * as z from '#domain/schema';

const text = z.plainText;

export const WebContactRequestSchema = z.strictObject({
  description: text(5000),
  service: z.optional(text(100)),
  name: z.optional(text(200)),
  phone: z.optional(
    z.string().check(z.refine((v) => normalisePhone(v) !== undefined, 'is not a phone number we can call back')),
  ),
  email: z.optional(z.string().check(z.refine((v) => normaliseEmail(v) !== undefined, 'is not an email address'))),
  address: z.optional(text(500)),
  location: z.optional(
    z.strictObject({
      lat: z.number().check(z.gte(-90), z.lte(90)),
      lng: z.number().check(z.gte(-180), z.lte(180)),
    }),
  ),
});

export type WebContactRequest = z.infer<typeof WebContactRequestSchema>;

export function contactFromWebForm(
  form: WebContactRequest,
  meta: { id: string; providerId: string; receivedAt: string },
): Contact {
  const phone = form.phone === undefined ? undefined : normalisePhone(form.phone);
  const email = form.email === undefined ? undefined : normaliseEmail(form.email);
  return {
    id: meta.id,
    channel: 'web',
    providerId: meta.providerId,
    receivedAt: meta.receivedAt,
    text: form.description,
    ...(form.service ? { serviceId: form.service } : {}),
    resident: {
      ...(form.name ? { name: form.name } : {}),
      ...(phone ? { phone } : {}),
      ...(email ? { email } : {}),
      ...(form.address ? { address: form.address } : {}),
    },
    ...(form.location ? { location: form.location } : {}),
  };
}
