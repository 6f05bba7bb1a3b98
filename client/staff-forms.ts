import { staffFormDefinitions } from "../worker/forms/shared/staff-definitions";
import { enhanceForms } from "./forms-core";

/** The staff pages' script: the API's own input schemas (derived from the tables), checked before sending. */
enhanceForms(staffFormDefinitions);
