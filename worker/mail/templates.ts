import * as v from "valibot";
import { dayInWords } from "../calendar/day-words";
import { alertThresholds } from "../../schema/vocab";

/**
 * What a template knows beyond its payload: the pupil and school the message is about, where it is about one, and the
 * school's own address for parents to write to (its shared mailbox), where it has one.
 */
export type MailContext = { pupilName: string | null; schoolName: string | null; schoolContact?: string | null; audience?: "parents" | "authority" | "staff" };
export type RenderedMail = { subject: string; text: string };

const thresholdWords: Record<(typeof alertThresholds)[number], string> = {
  dueSoon: "due soon",
  dueToday: "due today",
  overdue: "overdue",
  escalatedToSenco: "overdue, passed to the SENCO",
  escalatedToLa: "overdue, passed to the LA",
};

const digestPayload = v.object({
  date: v.string(),
  name: v.string(),
  // A digest queued before links were added has none.
  items: v.array(v.object({ pupil: v.string(), clock: v.string(), threshold: v.picklist(alertThresholds), dueOn: v.string(), url: v.optional(v.string()) })),
});
const movePayload = v.object({ move: v.string(), toStage: v.string(), at: v.string() });
const parentLinkPayload = v.object({ parentName: v.string(), childGivenName: v.string(), url: v.string(), expiresAt: v.string() });
const invitationPayload = v.object({ name: v.string(), role: v.string(), acceptUrl: v.string(), expiresAt: v.string() });
/** No text the sender typed: an acknowledgement queued before the status link was sent has none. */
const parentConcernPayload = v.object({
  reference: v.string(),
  schoolName: v.string(),
  respondBy: v.string(),
  receivedOn: v.string(),
  statusUrl: v.optional(v.string()),
});
const concernReceivedPayload = v.object({ reference: v.string(), childName: v.nullish(v.string()), respondBy: v.string(), url: v.string() });
const staffConcernPayload = v.object({ concernId: v.string(), raisedOn: v.string(), path: v.string() });
const drsPayload = v.object({ step: v.optional(v.string()), at: v.optional(v.string()) });

const footer = "\n\nSign in to Stepwise to see the details. This message was sent by Stepwise; please do not reply to it.\n";

/** Parents have no account: they are told whom to contact at the school, never to sign in. */
function parentFooter(context: MailContext, schoolName = context.schoolName) {
  const school = schoolName ?? "your child's school";
  const contact = context.schoolContact
    ? `To talk to ${school} about this, email ${context.schoolContact}.`
    : `To talk to ${school} about this, contact the school directly.`;
  return `\n\n${contact}\n\nThis message was sent by Stepwise for ${school}; please do not reply to it.\n`;
}

/**
 * Every message Stepwise sends, keyed by the outbox's template name. A template another part of the product queues
 * is added here; an unknown one is marked failed (visible to admins), never dropped.
 */
export const mailTemplates: Record<string, (payload: unknown, context: MailContext) => RenderedMail> = {
  dailyDigest(payload) {
    const digest = v.parse(digestPayload, payload);
    const lines = digest.items.map(
      (item) =>
        `- ${item.pupil}: ${item.clock}, ${thresholdWords[item.threshold]} (due ${dayInWords(item.dueOn)})${item.url ? `\n  Record it: ${item.url}` : ""}`,
    );
    return {
      subject: `Stepwise: ${digest.items.length} ${digest.items.length === 1 ? "date needs" : "dates need"} your attention (${dayInWords(digest.date)})`,
      text: `Dear ${digest.name},\n\nThese dates came up today or are still overdue:\n\n${lines.join("\n")}${footer}`,
    };
  },
  formallyNotifyParents(payload, context) {
    v.parse(movePayload, payload);
    const child = context.pupilName ?? "your child";
    const school = context.schoolName ?? "The school";
    return {
      subject: `${school}: special educational needs support for ${child}`,
      text:
        `${school} has decided to make special educational provision for ${child} (SEND Code of Practice 6.43 and 6.48).\n\n` +
        `The school will agree a plan with you, with a clear date for reviewing it, and will meet you at least three times a year.${parentFooter(context)}`,
    };
  },
  informTheAuthority(payload, context) {
    const move = v.parse(movePayload, payload);
    return {
      subject: `Stepwise: ${context.schoolName ?? "a school"} has asked for an assessment`,
      text: `${context.schoolName ?? "A school"} has recorded a request for assessment on ${dayInWords(move.at)} for ${context.pupilName ?? "a pupil"}.${footer}`,
    };
  },
  parentLink(payload, context) {
    const link = v.parse(parentLinkPayload, payload);
    return {
      subject: `${context.schoolName ?? "Your child's school"}: your link to ${link.childGivenName}'s SEN support record`,
      text:
        `Dear ${link.parentName},\n\nThis private link shows ${link.childGivenName}'s plan, review dates and decisions, and lets you ` +
        `add your views before a review:\n\n${link.url}\n\nIt works until ${dayInWords(link.expiresAt)}. Please do not share it.${parentFooter(context)}`,
    };
  },
  parentConcernAcknowledgement(payload, context) {
    const concern = v.parse(parentConcernPayload, payload);
    const link = concern.statusUrl
      ? `This private link shows what has happened since; please do not share it:\n\n${concern.statusUrl}\n\n`
      : "The private link you were shown when you sent it shows what has happened since.\n\n";
    return {
      subject: `${concern.schoolName} has your concern (reference ${concern.reference})`,
      text:
        `${concern.schoolName} received your concern on ${dayInWords(concern.receivedOn)}. Your reference is ${concern.reference}.\n\n` +
        `The school's special educational needs co-ordinator (SENCO) will read it and contact you by ${dayInWords(concern.respondBy)}. ` +
        `${link}If anything is urgent, contact the school directly and quote your reference. If you did not send a concern, ignore this message.` +
        parentFooter(context, concern.schoolName),
    };
  },
  parentConcernReceived(payload, context) {
    const concern = v.parse(concernReceivedPayload, payload);
    return {
      subject: `Stepwise: a parent's concern about ${concern.childName ?? "a child"} (reference ${concern.reference})`,
      text:
        `A parent has sent ${context.schoolName ?? "the school"} a concern about ${concern.childName ?? "their child"} through the school's link. ` +
        `They have been told the school will contact them by ${dayInWords(concern.respondBy)}.\n\nRead it here (sign in first):\n${concern.url}${footer}`,
    };
  },
  staffConcernRaised(payload, context) {
    const concern = v.parse(staffConcernPayload, payload);
    const child = context.pupilName ?? "a pupil";
    return {
      subject: `Stepwise: a teacher has raised a concern about ${child}`,
      text:
        `A teacher at ${context.schoolName ?? "the school"} recorded a concern about ${child} on ${dayInWords(concern.raisedOn)}. ` +
        `It is on your tasks until you decide the action on it, on ${child}'s record in Stepwise (${concern.path}).${footer}`,
    };
  },
  staffInvitation(payload) {
    const invitation = v.parse(invitationPayload, payload);
    return {
      subject: "You are invited to Stepwise",
      text: `Dear ${invitation.name},\n\nYou have been invited to Stepwise. Set your password here:\n\n${invitation.acceptUrl}\n\nThe invitation expires on ${dayInWords(invitation.expiresAt)}.${footer}`,
    };
  },
};

/** Every step of the DRS procedure (templates "drs.<step>") shares one wording: what happened, and when. */
function drsMail(template: string, payload: unknown, context: MailContext): RenderedMail {
  // Only the step and its date are read, and both are optional: the template's own name says what happened.
  const parsed = v.safeParse(drsPayload, typeof payload === "string" ? JSON.parse(payload) : payload);
  const drs = parsed.success ? parsed.output : {};
  const what = (drs.step ?? template.slice("drs.".length))
    .replace(/([A-Z])/g, " $1")
    .replace(/\./g, ": ")
    .toLowerCase()
    .replace(/\bdrs\b/g, "the DRS");
  return {
    subject: `Disagreement resolution for ${context.pupilName ?? "a pupil"}: ${what}`,
    text: `The disagreement resolution referral for ${context.pupilName ?? "a pupil"} at ${context.schoolName ?? "the school"} has a new step: ${what}${drs.at ? ` (${dayInWords(drs.at)})` : ""}.${context.audience === "parents" ? parentFooter(context) : footer}`,
  };
}

export function renderMail(template: string, payload: unknown, context: MailContext): RenderedMail {
  const render = Object.hasOwn(mailTemplates, template) ? mailTemplates[template] : undefined;
  if (render) return render(payload, context);
  if (template.startsWith("drs.")) return drsMail(template, payload, context);
  throw new Error(`No mail template "${template}"`);
}

/**
 * Payload fields that are credentials (a parent's or an invitee's secret link). They are kept only until the message
 * is sent, so the outbox never holds a live link once its recipient has it.
 */
const secretFields: Record<string, readonly string[]> = { parentLink: ["url"], staffInvitation: ["acceptUrl"], parentConcernAcknowledgement: ["statusUrl"] };

export function withoutSecrets(template: string, payload: Record<string, unknown>): Record<string, unknown> {
  const secrets = Object.hasOwn(secretFields, template) ? secretFields[template]! : [];
  if (!secrets.length) return payload;
  return Object.fromEntries(Object.entries(payload).map(([field, value]) => [field, secrets.includes(field) ? "(sent; not kept)" : value]));
}
