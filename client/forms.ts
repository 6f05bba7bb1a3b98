import { formDefinitions } from "../worker/forms/shared/definitions";
import { enhanceForms } from "./forms-core";

/** The public pages' script: small, because it carries only the parent's form rules. */
enhanceForms(formDefinitions);
