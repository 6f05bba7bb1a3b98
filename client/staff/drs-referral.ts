import { drsReferralForm } from "../../schema/staff-forms/drs-referral";
import { enhanceForms } from "../forms-core";

enhanceForms({ drsReferral: drsReferralForm });
