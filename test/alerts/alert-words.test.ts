import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outbox } from "../../schema/tables";
import { mailTemplates } from "../../worker/mail/templates";
import { fireCron, pupilWithStaff } from "../support/clocks";
import { writePlan } from "../support/records";
import { db } from "../support/world";

describe("each alert names the pupil, the clock, the date it was due and the page that resolves it (issue 15, item 5)", () => {
  it("a passed review date: the SENCO's and the teacher's digests both say so on the first run, linking to the review form on the deployment's own origin", async () => {
    const { pupil, senco, teacher } = await pupilWithStaff("england2014", "senSupportDo");
    await writePlan(pupil.id, senco.headers, { reviewDate: "2027-01-04" });
    await fireCron("2027-01-05T06:00:00Z", "0 6 * * *");

    for (const person of [teacher, senco]) {
      const [digest] = await db()
        .select()
        .from(outbox)
        .where(and(eq(outbox.recipientUserId, person.id), eq(outbox.template, "dailyDigest")));
      expect(digest, person.email).toBeDefined();
      const url = `https://stepwise.test/forms/pupils/${pupil.id}/review`;
      expect(digest!.payload).toEqual(
        expect.objectContaining({ items: [expect.objectContaining({ pupil: "Sam E.", clock: "Plan review date", dueOn: "2027-01-04", url })] }),
      );
      const mail = mailTemplates.dailyDigest!(digest!.payload, { pupilName: null, schoolName: null });
      expect(mail.text).toContain(
        `- Sam E.: Plan review date, ${person === teacher ? "overdue" : "overdue, passed to the SENCO"} (due 4 January 2027)\n  Record it: ${url}`,
      );
    }
  });
});
