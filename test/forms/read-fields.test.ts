import { describe, expect, it } from "vitest";
import { recordOfConcernForm } from "../../schema/staff-forms/concern";
import { parentContactedForm } from "../../schema/staff-forms/parent-contacted";
import { checkForm } from "../../worker/forms/shared/check-form";

describe("a form posted with no fields at all", () => {
  it("reports each missing field by name, not the form as a whole", () => {
    const concern = checkForm(recordOfConcernForm, {});
    expect(concern.ok).toBe(false);
    const fields = concern.ok ? [] : concern.errors.map((error) => error.field);
    expect(fields).toEqual(expect.arrayContaining(["areasOfConcern", "description"]));
    expect(fields).not.toContain("");
    const contacted = checkForm(parentContactedForm, {});
    expect(contacted).toEqual({ ok: false, errors: [expect.objectContaining({ field: "on" })] });
  });
});
