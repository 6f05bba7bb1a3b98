import type { StaffCaller } from "../app-env";
import { pupilAccess, type PupilAction } from "../auth/policy";
import type { PupilRow } from "../pupils/queries";
import type { FormLink } from "./templates/pupil-file";

const records: { action: PupilAction; path: string; label: string }[] = [
  { action: "recordMeeting", path: "parent-meeting", label: "Record a meeting with the parents" },
  { action: "recordSpecialistInvolvement", path: "specialist-involvement", label: "Record specialist involvement" },
  { action: "manageParentLinks", path: "parent-links", label: "Give or withdraw a parent's private link" },
];

/** The records the caller may keep for a pupil they can see (the pupil's page's "Record" section), by each page's own policy. */
export function recordsOpenTo(caller: StaffCaller, pupil: PupilRow): FormLink[] {
  return records
    .filter((record) => pupilAccess(caller, pupil, true, record.action) === "granted")
    .map((record) => ({ href: `/forms/pupils/${pupil.id}/${record.path}`, label: record.label }));
}
