/** After signing in again, sends the form kept from the ended session (worker/forms/templates/sign-in.ts) at once. */
document.querySelector<HTMLFormElement>("form[data-replay]")?.requestSubmit();
