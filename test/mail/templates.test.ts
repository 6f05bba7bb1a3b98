import { describe, expect, it } from "vitest";
import { renderMail } from "../../worker/mail/templates";

const context = { pupilName: "Sam Example", schoolName: "Hamilton Primary" };

describe("every message Stepwise sends has a template", () => {
  const cases: [string, unknown, RegExp][] = [
    ["dailyDigest", { date: "2026-12-01", name: "Ms Senco", items: [{ pupilId: "p", pupil: "Sam E.", clock: "Plan review date", threshold: "overdue", dueOn: "2026-11-30" }] }, /Sam E\.: Plan review date, overdue \(due 2026-11-30\)/],
    ["formallyNotifyParents", { move: "startSenSupport", toStage: "senSupportAssess", at: "2026-12-01T10:00:00Z" }, /Hamilton Primary has decided to make special educational provision for Sam Example/],
    ["informTheAuthority", { move: "requestEhcNeedsAssessment", toStage: "x", at: "2026-12-01T10:00:00Z" }, /request for assessment \(requestEhcNeedsAssessment\) on 2026-12-01/],
    ["parentLink", { parentName: "Alex", childGivenName: "Sam", url: "https://stepwise.test/p/secret", expiresAt: "2027-01-01T00:00:00Z" }, /https:\/\/stepwise\.test\/p\/secret/],
    ["staffInvitation", { name: "Jo", role: "teacher", acceptUrl: "https://stepwise.test/invite/abc", expiresAt: "2026-12-08T00:00:00Z" }, /invite\/abc/],
    ["drs.forwardedToDrs", { referralId: "r", step: "forwardedToDrs", at: "2026-12-01T10:00:00Z" }, /new step: forwarded to drs \(2026-12-01\)/],
    ["drs.parentMediation.agreed", {}, /parent mediation: agreed/],
    ["drs.parentMediation.declined", JSON.stringify({ referralId: "r", answer: "declined", at: "2026-12-01T10:00:00Z" }), /parent mediation: declined \(2026-12-01\)/],
  ];
  it.each(cases)("%s", (template, payload, expected) => {
    const mail = renderMail(template, payload, context);
    expect(mail.subject.length).toBeGreaterThan(5);
    expect(mail.text).toMatch(expected);
  });

  it("an unknown template, or a payload that does not fit, is an error (the message is kept as failed, not sent blank)", () => {
    expect(() => renderMail("mystery", {}, context)).toThrow(/No mail template "mystery"/);
    expect(() => renderMail("dailyDigest", { date: 1 }, context)).toThrow();
  });
});
