import {
  areasOfConcern2001,
  broadAreasOfNeed,
  senNeedTypes,
  yearGroups,
  type AreaOfConcern,
  type FrameworkId,
  type Region,
  type SchoolPhase,
  type SenNeedType,
  type SenProvisionCode,
  type StaffRole,
  type YearGroup,
} from "../../schema/vocab";

/** The areas as the seed forms print them (seed 000 for 2001, SEND Code 6.28 for 2014 and Jersey). */
export const areaLabels: Record<AreaOfConcern, string> = {
  cognitionAndLearning: "Cognition and learning difficulties",
  emotionalBehaviouralSocial: "Emotional, behavioural and social difficulties",
  communicationAndInteraction: "Communication and interaction difficulties",
  sensory: "Sensory difficulties",
  physicalMedical: "Physical/medical difficulties",
  socialEmotionalMentalHealth: "Social, emotional and mental health",
  sensoryPhysical: "Sensory and/or physical needs",
};

/** The same areas in the words a parent would use. */
const plainAreas: Record<AreaOfConcern, { label: string; hint: string }> = {
  cognitionAndLearning: { label: "Learning", hint: "For example reading, writing, numbers, remembering things" },
  emotionalBehaviouralSocial: { label: "Feelings, behaviour or friendships", hint: "For example worry, anger, getting on with others" },
  socialEmotionalMentalHealth: { label: "Feelings, behaviour or friendships", hint: "For example worry, anger, getting on with others" },
  communicationAndInteraction: { label: "Talking, listening or understanding", hint: "For example speech, following instructions, conversation" },
  sensory: { label: "Seeing or hearing", hint: "For example sight, hearing, being upset by noise or light" },
  physicalMedical: { label: "Physical or medical needs", hint: "For example movement, handwriting, a health condition" },
  sensoryPhysical: { label: "Seeing, hearing, movement or health", hint: "For example sight, hearing, handwriting, a health condition" },
};

/** The areas a school's framework names: seed 000's five under the 2001 Code, the four broad areas otherwise. */
export const areasFor = (framework: FrameworkId): readonly AreaOfConcern[] => (framework === "england2001" ? areasOfConcern2001 : broadAreasOfNeed);

export const areaOptions = (framework: FrameworkId) => areasFor(framework).map((area) => ({ value: area, label: areaLabels[area] }));
export const plainAreaOptions = (framework: FrameworkId) => areasFor(framework).map((area) => ({ value: area, ...plainAreas[area] }));

export function yearGroupLabel(year: YearGroup): string {
  if (year === "R") return "Reception";
  if (year.startsWith("N")) return `Nursery ${year.slice(1)}`;
  return `Year ${year}`;
}

/** The school census's SEN need types, as the DfE's census guide names them. */
export const needTypeLabels: Record<SenNeedType, string> = {
  SPLD: "Specific learning difficulty (SPLD)",
  MLD: "Moderate learning difficulty (MLD)",
  SLD: "Severe learning difficulty (SLD)",
  PMLD: "Profound and multiple learning difficulty (PMLD)",
  SEMH: "Social, emotional and mental health (SEMH)",
  SLCN: "Speech, language and communication needs (SLCN)",
  HI: "Hearing impairment (HI)",
  VI: "Visual impairment (VI)",
  MSI: "Multi-sensory impairment (MSI)",
  PD: "Physical disability (PD)",
  ASD: "Autistic spectrum disorder (ASD)",
  OTH: "Other difficulty or disability (OTH)",
  NSA: "SEN support but no specialist assessment of type of need (NSA)",
};

export const needTypeOptions = senNeedTypes.map((need) => ({ value: need, label: needTypeLabels[need] }));

/** The census's SEN provision codes in words. */
export const provisionLabels: Record<SenProvisionCode, string> = {
  N: "No special educational need (N)",
  K: "SEN support (K)",
  E: "Education, health and care plan (E)",
  A: "School Action (A)",
  P: "School Action Plus (P)",
  S: "Statement (S)",
};

export const yearGroupOptions = yearGroups.map((year) => ({ value: year, label: yearGroupLabel(year) }));

export const regionLabels: Record<Region, string> = {
  englandAndWales: "England and Wales",
  scotland: "Scotland",
  northernIreland: "Northern Ireland",
  jersey: "Jersey",
  guernsey: "Guernsey",
};

export const frameworkLabels: Record<FrameworkId, string> = {
  england2001: "SEN Code of Practice 2001 (England)",
  england2014: "SEND Code of Practice 2014 (England)",
  recordOfNeed: "Record of Need (Jersey)",
};

export const phaseLabels: Record<SchoolPhase, string> = {
  nursery: "Nursery",
  primary: "Primary",
  secondary: "Secondary",
  allThrough: "All-through",
  special: "Special",
  post16: "16 plus",
};

export const roleLabels: Record<StaffRole, string> = {
  teacher: "Teacher",
  senco: "SENCO",
  head: "Headteacher",
  laOfficer: "LA officer",
  admin: "Administrator",
};

export const optionsOf = <K extends string>(labels: Record<K, string>, keys: readonly K[]) => keys.map((value) => ({ value, label: labels[value] }));
