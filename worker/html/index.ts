/** The one HTML kit, one function per GOV.UK component: every page and the browser script draw with these. */
export { errorId, errorMessage, errorSummary, hintId, type FieldError, type Html } from "./error-summary";
export {
  checkboxes,
  choices,
  dateInput,
  emptyForm,
  errorOf,
  hidden,
  radios,
  select,
  textarea,
  textInput,
  valueOf,
  withErrors,
  type Field,
  type FormState,
  type InputWidth,
  type Option,
} from "./fields";
export { button, notificationBanner, pagination, summaryList, table, type Column } from "./blocks";
export { errorPage, page, signedInOfRequest, staffHeader, type PageOptions, type PageScript, type SignedIn } from "./page";
