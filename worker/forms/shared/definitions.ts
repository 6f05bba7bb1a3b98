import { parentConcern } from "../../../schema/parent-concern";
import type { FormDefinition } from "../../../schema/staff-forms/form-definition";

/** Every form the browser checks before sending, by the name its <form data-form="..."> carries. */
export const parentConcernForm = {
  schema: parentConcern,
  arrays: ["areasOfConcern"],
  ignore: ["idempotencyKey", "website", "embedOrigin"],
} satisfies FormDefinition;

export const formDefinitions: Record<string, FormDefinition> = {
  parentConcern: parentConcernForm,
};
