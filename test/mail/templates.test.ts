import { describe, expect, it } from "vitest";
import { renderMail } from "../../worker/mail/templates";

const context = { pupilName: "Sam Example", schoolName: "Hamilton Primary" };

describe("every message Stepwise sends has a template", () => {
  const cases: [string, unknown, RegExp][] = [
    [
      "dailyDigest",
      {
        date: "2026-12-01",
        name: "Ms Senco",
        items: [{ pupilId: "p", pupil: "Sam E.", clock: "Plan review date", threshold: "overdue", dueOn: "2026-11-30" }],
      },
      /Sam E\.: Plan review date, overdue \(due 30 November 2026\)/,
    ],
    [
      "formallyNotifyParents",
      { move: "startSenSupport", toStage: "senSupportAssess", at: "2026-12-01T10:00:00Z" },
      /Hamilton Primary has decided to make special educational provision for Sam Example/,
    ],
    [
      "informTheAuthority",
      { move: "requestEhcNeedsAssessment", toStage: "x", at: "2026-12-01T10:00:00Z" },
      /request for assessment on 1 December 2026 for Sam Example/,
    ],
    [
      "parentLink",
      { parentName: "Alex", childGivenName: "Sam", url: "https://stepwise.test/p/secret", expiresAt: "2027-01-01T00:00:00Z" },
      /https:\/\/stepwise\.test\/p\/secret/,
    ],
    ["staffInvitation", { name: "Jo", role: "teacher", acceptUrl: "https://stepwise.test/invite/abc", expiresAt: "2026-12-08T00:00:00Z" }, /invite\/abc/],
    ["drs.forwardedToDrs", { referralId: "r", step: "forwardedToDrs", at: "2026-12-01T10:00:00Z" }, /new step: forwarded to the DRS \(1 December 2026\)/],
    ["drs.parentMediation.agreed", {}, /parent mediation: agreed/],
    [
      "drs.parentMediation.declined",
      JSON.stringify({ referralId: "r", answer: "declined", at: "2026-12-01T10:00:00Z" }),
      /parent mediation: declined \(1 December 2026\)/,
    ],
  ];
  it.each(cases)("%s", (template, payload, expected) => {
    const mail = renderMail(template, payload, context);
    expect(mail.subject.length).toBeGreaterThan(5);
    expect(mail.text).toMatch(expected);
  });

  it("shows dates as people read them, never as ISO", () => {
    const payloads: [string, unknown][] = [
      [
        "dailyDigest",
        { date: "2026-06-14", name: "Ms Senco", items: [{ pupil: "Sam E.", clock: "Plan review date", threshold: "overdue", dueOn: "2026-06-14" }] },
      ],
      ["informTheAuthority", { move: "requestEhcNeedsAssessment", toStage: "x", at: "2026-06-14T10:00:00Z" }],
      ["parentLink", { parentName: "Alex", childGivenName: "Sam", url: "https://stepwise.test/p/secret", expiresAt: "2026-06-14T00:00:00Z" }],
      [
        "parentConcernAcknowledgement",
        {
          reference: "ABC123",
          schoolName: "Hamilton Primary",
          respondBy: "2026-06-14",
          receivedOn: "2026-06-01",
          statusUrl: "https://stepwise.test/s/x/status/y",
        },
      ],
      ["parentConcernReceived", { reference: "ABC123", childName: "Sam", respondBy: "2026-06-14", url: "https://stepwise.test/forms/x" }],
      ["staffInvitation", { name: "Jo", role: "teacher", acceptUrl: "https://stepwise.test/invite/abc", expiresAt: "2026-06-14T00:00:00Z" }],
      ["drs.forwardedToDrs", { step: "forwardedToDrs", at: "2026-06-14T10:00:00Z" }],
    ];
    for (const [template, payload] of payloads) {
      const mail = renderMail(template, payload, context);
      expect(`${mail.subject}\n${mail.text}`, template).not.toMatch(/\d{4}-\d{2}-\d{2}(?!\S*\/)/);
      expect(mail.text, template).toContain("14 June 2026");
    }
  });

  it("parents, who have no account, are never told to sign in: they get the school's contact details and their status link", () => {
    const withMailbox = { ...context, schoolContact: "senco@hamilton.sch.uk", audience: "parents" as const };
    const parentMails = [
      renderMail("formallyNotifyParents", { move: "startSenSupport", toStage: "senSupportAssess", at: "2026-12-01T10:00:00Z" }, withMailbox),
      renderMail(
        "parentLink",
        { parentName: "Alex", childGivenName: "Sam", url: "https://stepwise.test/p/secret", expiresAt: "2027-01-01T00:00:00Z" },
        withMailbox,
      ),
      renderMail(
        "parentConcernAcknowledgement",
        {
          reference: "ABC123",
          schoolName: "Hamilton Primary",
          respondBy: "2026-06-14",
          receivedOn: "2026-06-01",
          statusUrl: "https://stepwise.test/s/x/status/y",
        },
        withMailbox,
      ),
      renderMail("drs.parentMediation.agreed", {}, withMailbox),
    ];
    for (const mail of parentMails) {
      expect(mail.text).not.toMatch(/sign in/i);
      expect(mail.text).toContain("email senco@hamilton.sch.uk");
      expect(mail.text).not.toMatch(/[a-z][A-Z]/);
    }
    expect(parentMails[2]!.text).toContain("https://stepwise.test/s/x/status/y");
    const noMailbox = renderMail(
      "parentLink",
      { parentName: "Alex", childGivenName: "Sam", url: "https://stepwise.test/p/secret", expiresAt: "2027-01-01T00:00:00Z" },
      context,
    );
    expect(noMailbox.text).toContain("contact the school directly");
    // Staff still sign in to see the details.
    expect(
      renderMail("staffInvitation", { name: "Jo", role: "teacher", acceptUrl: "https://stepwise.test/invite/abc", expiresAt: "2026-06-14T00:00:00Z" }, context)
        .text,
    ).toMatch(/Sign in to Stepwise/);
  });

  it("an unknown template, or a payload that does not fit, is an error (the message is kept as failed, not sent blank)", () => {
    expect(() => renderMail("mystery", {}, context)).toThrow(/No mail template "mystery"/);
    expect(() => renderMail("dailyDigest", { date: 1 }, context)).toThrow();
  });
});
