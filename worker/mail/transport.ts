import { EmailMessage } from "cloudflare:email";
import { createMimeMessage } from "mimetext/browser";
import * as v from "valibot";

/** One message to one person, ready to go. `id` is the outbox row's, so a provider can refuse a repeat. */
export type OutgoingMail = { id: string; from: string; to: string; subject: string; text: string };
export type MailTransport = { send(mail: OutgoingMail): Promise<{ messageId: string | null }> };

/** RFC 5322 text built by mimetext; the Message-ID is the outbox id, so a resend is recognisably the same message. */
export function mimeOf(mail: OutgoingMail): string {
  const message = createMimeMessage();
  message.setSender({ name: "Stepwise", addr: mail.from });
  message.setRecipient(mail.to);
  message.setSubject(mail.subject);
  message.setHeader("Message-ID", `<${mail.id}@${mail.from.split("@")[1] ?? "stepwise.local"}>`);
  message.addMessage({ contentType: "text/plain", data: mail.text });
  return message.asRaw();
}

/** The Workers send_email binding (locally, miniflare writes each message to an .eml file and logs its path). */
export function sendEmailTransport(binding: SendEmail): MailTransport {
  return {
    async send(mail) {
      const result = await binding.send(new EmailMessage(mail.from, mail.to, mimeOf(mail)));
      return { messageId: result?.messageId ?? null };
    },
  };
}

const providerReply = v.object({ id: v.optional(v.string()) });

/** A JSON email API (Resend's shape): POST {from, to, subject, text}, bearer token, idempotency key per message. */
export function httpTransport(url: string, token: string, fetcher: typeof fetch = fetch): MailTransport {
  return {
    async send(mail) {
      const response = await fetcher(url, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Idempotency-Key": mail.id },
        body: JSON.stringify({ from: mail.from, to: [mail.to], subject: mail.subject, text: mail.text }),
      });
      const body = await response.text();
      if (!response.ok) throw new Error(`Email API answered ${response.status}: ${body.slice(0, 200)}`);
      const reply = v.safeParse(providerReply, body ? JSON.parse(body) : {});
      return { messageId: reply.success ? (reply.output.id ?? null) : null };
    },
  };
}

const mailConfig = v.variant("MAIL_TRANSPORT", [
  v.object({ MAIL_TRANSPORT: v.literal("send_email"), MAIL_FROM: v.pipe(v.string(), v.email()) }),
  v.object({
    MAIL_TRANSPORT: v.literal("http"),
    MAIL_FROM: v.pipe(v.string(), v.email()),
    MAIL_HTTP_URL: v.pipe(v.string(), v.url()),
    MAIL_HTTP_TOKEN: v.pipe(v.string(), v.minLength(1)),
  }),
]);

/** The transport the configuration chooses; a misconfiguration fails loudly, naming the setting. */
export function configuredTransport(env: Env): { transport: MailTransport; from: string } {
  const config = v.safeParse(mailConfig, { ...env });
  if (!config.success) {
    throw new Error(`Mail is misconfigured: ${config.issues.map((i) => `${v.getDotPath(i) ?? "MAIL_TRANSPORT"}: ${i.message}`).join("; ")}`);
  }
  const { output } = config;
  return output.MAIL_TRANSPORT === "http"
    ? { transport: httpTransport(output.MAIL_HTTP_URL, output.MAIL_HTTP_TOKEN), from: output.MAIL_FROM }
    : { transport: sendEmailTransport(env.MAILER), from: output.MAIL_FROM };
}
