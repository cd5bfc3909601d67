// Email to council staff (SLA escalations) through Amazon SES. Locally the SDK's own
// AWS_ENDPOINT_URL_SESV2 points it at the local stack's fake, which keeps every email.
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import type { EmailSender } from '#app/notifications';
import { config } from './config.ts';

let client: SESv2Client | undefined;

export const sesEmailSender: EmailSender = {
  async send({ to, subject, body }) {
    client ??= new SESv2Client({});
    const { MessageId } = await client.send(
      new SendEmailCommand({
        FromEmailAddress: config.setting('EMAIL_FROM'),
        Destination: { ToAddresses: [to] },
        Content: { Simple: { Subject: { Data: subject, Charset: 'UTF-8' }, Body: { Text: { Data: body, Charset: 'UTF-8' } } } },
      }),
    );
    return { id: MessageId ?? '' };
  },
};
