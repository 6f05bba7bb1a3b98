import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { isTemporaryUpn, upn, upnCheckLetter, withUpnCheckLetter } from "../../schema/rules";

describe("a unique pupil number's DfE check letter", () => {
  it.each([
    // python-stdnum's gb.upn documents B801200005001 as valid and A801200005001 as a wrong check letter.
    ["B801200005001", true],
    ["A801200005001", false],
    ["b801200005001", true],
    [" B801200005001 ", true],
    ["B80120000500", false],
    ["B80120000A001", false],
    ["I801200005001", false],
  ])("%s is accepted: %s", (value, accepted) => {
    expect(v.safeParse(upn, value).success).toBe(accepted);
  });

  it("a wrong check letter says so in plain English", () => {
    const result = v.safeParse(upn, "A801200005001");
    expect(result.issues?.[0]?.message).toMatch(/first letter does not match/);
  });

  it("a temporary UPN, ending in a letter, is accepted as temporary when its check letter is right", () => {
    const temporary = withUpnCheckLetter("34420012400A");
    expect(v.safeParse(upn, temporary).success).toBe(true);
    expect(isTemporaryUpn(temporary)).toBe(true);
    expect(isTemporaryUpn("B801200005001")).toBe(false);
    const wrong = `${temporary[0] === "A" ? "B" : "A"}${temporary.slice(1)}`;
    expect(v.safeParse(upn, wrong).success).toBe(false);
  });

  it("every one of the twelve characters counts: changing any digit changes the letter", () => {
    const base = "801200005001";
    for (let i = 0; i < 12; i++) {
      const changed = `${base.slice(0, i)}${(Number(base[i]) + 1) % 10}${base.slice(i + 1)}`;
      expect(upnCheckLetter(changed)).not.toBe(upnCheckLetter(base));
    }
  });
});
