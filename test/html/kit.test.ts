import { describe, expect, it } from "vitest";
import {
  button,
  checkboxes,
  dateInput,
  emptyForm,
  errorPage,
  errorSummary,
  hidden,
  notificationBanner,
  page,
  pagination,
  radios,
  select,
  staffHeader,
  summaryList,
  table,
  textarea,
  textInput,
  withErrors,
  type Html,
} from "../../worker/html";

/** The kit's markup, one component at a time: the ids, the links between them, and what a screen reader is told. */
const text = async (drawn: Html | "") => String(await drawn);
const wrong = (field: string, message: string) => withErrors({ [field]: "typed <b>" }, [{ field, message }]);

describe("the HTML kit", () => {
  it("a text input joins its hint and error to aria-describedby and says Error: to screen readers", async () => {
    const drawn = await text(
      textInput({ name: "email", label: "Email address", hint: "At school", type: "email", width: "20", state: wrong("email", "Enter an email address") }),
    );
    expect(drawn).toContain('<label class="label" for="email">Email address</label>');
    expect(drawn).toContain('<div id="email-hint" class="hint">At school</div>');
    expect(drawn).toContain('<p id="email-error" class="error-message"><span class="visually-hidden">Error:</span> Enter an email address</p>');
    expect(drawn).toContain('aria-describedby="email-hint email-error"');
    expect(drawn).toContain('<input class="input--width-20 input--error" id="email" name="email" type="email"');
    expect(drawn).toContain('value="typed &lt;b&gt;"');
    expect(drawn).toContain("form-group--error");
  });

  it("a field without hint or error has no aria-describedby; tel and number inputs are typed for their keyboards", async () => {
    const plain = await text(textInput({ name: "name", label: "Name", state: emptyForm() }));
    expect(plain).not.toContain("aria-describedby");
    expect(plain).not.toContain("error-message");
    expect(await text(textInput({ name: "phone", label: "Phone", type: "tel", state: emptyForm() }))).toContain('type="tel"');
    expect(await text(textInput({ name: "count", label: "Count", type: "number", state: emptyForm() }))).toContain('type="text" inputmode="numeric"');
    expect(await text(textInput({ name: "password", label: "Password", type: "password", state: wrong("password", "Enter a password") }))).toContain(
      'value=""',
    );
  });

  it("a textarea and a select carry the same label, hint and error", async () => {
    const area = await text(textarea({ name: "notes", label: "Notes", hint: "Briefly", state: wrong("notes", "Enter the notes") }));
    expect(area).toContain(
      '<textarea class="textarea--error" id="notes" name="notes" rows="5" aria-describedby="notes-hint notes-error">typed &lt;b&gt;</textarea>',
    );
    expect(area).toContain('<span class="visually-hidden">Error:</span> Enter the notes');
    const chosen = await text(select({ name: "year", label: "Year", options: [{ value: "y1", label: "Year 1" }], state: withErrors({ year: "y1" }, []) }));
    expect(chosen).toContain('<label class="label" for="year">Year</label>');
    expect(chosen).toContain('<option value="y1" selected>Year 1</option>');
  });

  it("a date is a fieldset of narrow day, month and year boxes; its error joins the fieldset's description", async () => {
    const drawn = await text(
      dateInput({ name: "dateOfBirth", label: "Date of birth", autocompleteBirthday: true, state: wrong("dateOfBirth.day", "Enter the date of birth") }),
    );
    expect(drawn).toContain('<fieldset class="fieldset" role="group" aria-describedby="dateOfBirth-hint dateOfBirth-error">');
    expect(drawn).toContain("<legend");
    for (const [part, width] of [
      ["day", 2],
      ["month", 2],
      ["year", 4],
    ] as const) {
      expect(drawn).toContain(`for="dateOfBirth.${part}"`);
      expect(drawn).toMatch(
        new RegExp(`class="input--width-${width} input--error" id="dateOfBirth\\.${part}" name="dateOfBirth\\.${part}" type="text" inputmode="numeric"`),
      );
      expect(drawn).toContain(`autocomplete="bday-${part}"`);
    }
    expect(drawn).toContain('id="dateOfBirth-error"');
  });

  it("radios and checkboxes: the first item takes the field's id, so the summary's link lands on it; item hints are described", async () => {
    const options = [
      { value: "a", label: "A", hint: "About A" },
      { value: "b", label: "B" },
    ];
    const drawn = await text(radios({ name: "answer", label: "Pick one", options, state: wrong("answer", "Select an answer") }));
    expect(drawn).toContain('<fieldset class="fieldset" aria-describedby="answer-error">');
    expect(drawn).toContain('id="answer" name="answer" type="radio" value="a" aria-describedby="answer-hint"');
    expect(drawn).toContain('id="answer-2" name="answer" type="radio" value="b"');
    expect(drawn).toContain('<span class="visually-hidden">Error:</span> Select an answer');
    const boxes = await text(checkboxes({ name: "areas", label: "Areas", options, state: withErrors({ areas: ["a", "b"] }, []) }));
    expect(boxes.match(/type="checkbox"[^>]* checked/g)).toHaveLength(2);
  });

  it("the error summary links each error to its field, is announced, and the page title starts Error:", async () => {
    const errors = [
      { field: "email", message: "Enter an email address" },
      { field: "dateOfBirth.day", message: "Enter the date of birth" },
    ];
    const summary = await text(errorSummary(errors));
    expect(summary).toContain('role="alert"');
    expect(summary).toContain("There is a problem");
    expect(summary).toContain('<a href="#email">Enter an email address</a>');
    expect(summary).toContain('<a href="#dateOfBirth.day">Enter the date of birth</a>');
    expect(await text(errorSummary([]))).toBe("");
    const drawn = await text(page({ title: "Sign in", errors, signedIn: null }, hidden("next", "/x")));
    expect(drawn).toContain("<title>Error: Sign in - Stepwise</title>");
    expect(drawn.indexOf("error-summary")).toBeLessThan(drawn.indexOf('name="next"'));
    expect(await text(page({ title: "Sign in", signedIn: null }, hidden("a", "b")))).toContain("<title>Sign in - Stepwise</title>");
  });

  it("the page: skip link, one main, the stylesheet, its own script; embedded without chrome; print without a script", async () => {
    const drawn = await text(page({ title: "Form", script: "staff/plan", signedIn: null }, hidden("a", "b")));
    expect(drawn).toContain('<a class="skip-link" href="#main">');
    expect(drawn.match(/<main id="main"/g)).toHaveLength(1);
    expect(drawn).toContain('<link rel="stylesheet" href="/css/stepwise.css">');
    expect(drawn).toContain('<script src="/js/staff/plan.js" defer></script>');
    const embedded = await text(page({ title: "Concern", embedOrigin: "https://school.example", signedIn: null }, hidden("a", "b")));
    expect(embedded).toContain('class="embedded" data-embed-origin="https://school.example"');
    expect(embedded).not.toContain("<header");
    expect(embedded).not.toContain("<footer");
    const printed = await text(page({ title: "Plan", print: true, script: null, signedIn: null }, hidden("a", "b")));
    expect(printed).toContain('class="print-view"');
    expect(printed).not.toContain("<script");
  });

  it("the staff header links home and the role's pages, names the person and signs out by a post", async () => {
    const drawn = await text(staffHeader({ name: "Sam <SENCO>", role: "senco", schoolIds: ["s1"] }));
    expect(drawn).toContain('<a class="header__home" href="/staff">Stepwise</a>');
    expect(drawn).toContain('<a href="/dashboard/schools/s1">SEN register</a>');
    expect(drawn).toContain("Sam &lt;SENCO&gt;");
    expect(drawn).toContain('<form method="post" action="/staff/sign-out"><button class="header__sign-out" type="submit">Sign out</button></form>');
    expect(await text(staffHeader({ name: "Lee", role: "laOfficer", schoolIds: [] }))).toContain('href="/dashboard/la"');
    expect(await text(page({ title: "Home", signedIn: { name: "Lee", role: "teacher", schoolIds: ["s1"] } }, hidden("a", "b")))).toContain("Sign out");
  });

  it("summary list, table, pagination, notification banner and button", async () => {
    const list = await text(
      summaryList([{ key: "Name", value: "Ada" }, null, { key: "Stage", value: "School Action", action: { href: "/x", label: "Change" } }]),
    );
    expect(list.match(/summary-list__row/g)).toHaveLength(2);
    expect(list).toContain('<a href="/x">Change<span class="visually-hidden"> stage</span></a>');
    const drawn = await text(table({ caption: "Pupils", columns: [{ label: "Pupil" }, { label: "Count", numeric: true }], rows: [["Ada", 3]] }));
    expect(drawn).toContain("<caption>Pupils</caption>");
    expect(drawn).toContain('<th scope="col" class="numeric">Count</th>');
    expect(drawn).toContain('<th scope="row">Ada</th><td class="numeric">3</td>');
    expect(await text(table({ caption: "None", columns: [{ label: "A" }], rows: [], wide: true }))).toContain('role="region" aria-label="None" tabindex="0"');
    const pages = await text(pagination({ previous: { href: "?p=1" }, next: { href: "?p=3", label: "Pupils" } }));
    expect(pages).toContain('<a href="?p=1" rel="prev">Previous<span class="visually-hidden"> page</span></a>');
    expect(pages).toContain('<a href="?p=3" rel="next">Next');
    expect(await text(pagination({}))).toBe("");
    const saved = await text(notificationBanner({ heading: "The plan was saved", success: true }));
    expect(saved).toContain('class="notification-banner notification-banner--success" role="alert"');
    expect(saved).toContain("Success");
    expect(await text(button({ text: "Save", variant: "secondary" }))).toBe('<button class="button button--secondary" type="submit">Save</button>');
  });

  it("the one error page offers the way to sign in and come back", async () => {
    const drawn = await text(errorPage(401, "Sign in to continue", { signInNext: "/forms/pupils/1" }));
    expect(drawn).toContain("<h1>Sign in to continue</h1>");
    expect(drawn).toContain('href="/staff/sign-in?next=%2Fforms%2Fpupils%2F1"');
  });
});
