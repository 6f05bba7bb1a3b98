import { getTableColumns, type Table } from "drizzle-orm";
import { createInsertSchema } from "drizzle-valibot";
import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { recordOfConcern } from "../../schema/staff-forms/concern";
import { assessmentRequestInput } from "../../schema/staff-forms/assessment-request";
import { drsReferralInput } from "../../schema/staff-forms/drs-referral";
import { parentViewsInput } from "../../schema/staff-forms/parent-views";
import { planInput, smartTarget } from "../../schema/staff-forms/plan";
import { reviewInput, targetOutcome } from "../../schema/staff-forms/review";
import { assessmentRequests, drsReferrals, parentViews, planTargets, plans, recordsOfConcern, reviews } from "../../schema/tables";

/**
 * The staff forms' shapes are table-free (so the browser can bundle them); the tables stay the source of truth for
 * storage. Each form's fields are checked against the table they fill: what is not a column is named, with where it
 * goes; a field may be left out or null only where drizzle-valibot's insert schema of the table allows it; its value
 * is the column's type; and every column an insert needs is given by the form or named as the server's to fill.
 */
type Form = {
  shape: { entries: v.ObjectEntries };
  table: Table;
  /** Fields that are not columns of the table. */
  notColumns: string[];
  /** Columns an insert needs that the server fills (who, where, when, the pupil's stage); none where the form only updates rows. */
  filledByServer?: string[];
};

const forms: Record<string, Form> = {
  "Record of Concern": { shape: recordOfConcern, table: recordsOfConcern, notColumns: [], filledByServer: ["schoolId", "raisedBy"] },
  // Its targets are rows of plan_targets (below); a decision is a move on the pupil's record.
  plan: { shape: planInput, table: plans, notColumns: ["targets", "decision", "expectedVersion", "reason"], filledByServer: ["pupilId", "schoolId", "stage"] },
  "plan target": { shape: smartTarget, table: planTargets, notColumns: [], filledByServer: ["planId", "position"] },
  // Its target outcomes fill the plan's target rows (below).
  review: { shape: reviewInput, table: reviews, notColumns: ["targetOutcomes", "expectedVersion", "reason"], filledByServer: ["pupilId", "schoolId", "stage"] },
  "review's target outcome": { shape: targetOutcome, table: planTargets, notColumns: ["targetId"] },
  "parents' views": { shape: parentViewsInput, table: parentViews, notColumns: [], filledByServer: ["pupilId", "schoolId", "submittedAt"] },
  "assessment request": {
    shape: assessmentRequestInput,
    table: assessmentRequests,
    notColumns: ["decision", "expectedVersion", "reason"],
    filledByServer: ["pupilId", "schoolId", "laId", "kind"],
  },
  "DRS referral": { shape: drsReferralInput, table: drsReferrals, notColumns: [], filledByServer: ["schoolId", "laId", "currentStep", "timescales"] },
};

const accepts = (schema: v.GenericSchema, value: undefined | null) => {
  const result = v.safeParse(schema, value);
  // A default fills the field: the column gets a value.
  return result.success && result.output === value;
};

function innerSchema(schema: v.GenericSchema): v.GenericSchema {
  return "wrapped" in schema && ["optional", "nullable", "nullish"].includes(schema.type) ? innerSchema(schema.wrapped as v.GenericSchema) : schema;
}

/** The value types a column of each drizzle data type stores, as valibot names its schemas. */
const typesFor: Record<string, string[]> = {
  string: ["string", "picklist"],
  number: ["number"],
  boolean: ["boolean"],
  json: ["array", "strict_object", "object"],
};

describe("the staff forms fill their tables' columns as the tables define them", () => {
  for (const [name, { shape, table, notColumns, filledByServer }] of Object.entries(forms)) {
    const columns = getTableColumns(table);
    const insert = createInsertSchema(table).entries;
    const fields = Object.keys(shape.entries).filter((field) => !notColumns.includes(field));

    it(`every field of the ${name} form fills a column of its own name`, () => {
      expect(fields.filter((field) => !(field in columns))).toEqual([]);
    });

    it(`the ${name} form leaves out or nulls only what its table may`, () => {
      const loose = fields.flatMap((field) => {
        const [entry, column] = [shape.entries[field]!, insert[field]];
        if (!column) return [];
        return [
          ...(accepts(entry, undefined) && !accepts(column, undefined) ? [`${field} may be left out`] : []),
          ...(accepts(entry, null) && !accepts(column, null) ? [`${field} may be null`] : []),
        ];
      });
      expect(loose).toEqual([]);
    });

    it(`the ${name} form gives each column a value of its type`, () => {
      const mismatched = fields.filter((field) => {
        const [inner, column] = [innerSchema(shape.entries[field]!), columns[field]];
        if (!column) return false;
        if (!typesFor[column.dataType]?.includes(inner.type)) return true;
        const allowed = "enumValues" in column && Array.isArray(column.enumValues) && column.enumValues.length ? (column.enumValues as string[]) : null;
        const chosen = "options" in inner ? (inner.options as string[]) : null;
        return allowed ? !chosen || chosen.some((option) => !allowed.includes(option)) : false;
      });
      expect(mismatched).toEqual([]);
    });

    if (filledByServer)
      it(`every column a ${name} needs comes from the form or the server`, () => {
        // Every row's id is made by the server.
        const needed = Object.keys(insert).filter((column) => column !== "id" && !accepts(insert[column]!, undefined));
        expect(needed.filter((column) => !fields.includes(column) && !filledByServer.includes(column))).toEqual([]);
      });
  }
});
