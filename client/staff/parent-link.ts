/**
 * The parent's link, shown once: a script adds the button that copies it. Without a script (or a clipboard) there is no
 * button, and the link is there to select and copy by hand.
 */
for (const place of document.querySelectorAll<HTMLElement>("[data-copy]")) {
  const source = document.getElementById(place.dataset.copy ?? "");
  const status = document.getElementById(`${place.dataset.copy}-status`);
  if (!source || !navigator.clipboard) continue;
  const button = document.createElement("button");
  button.type = "button";
  button.className = "button button--secondary";
  button.textContent = "Copy the link";
  button.addEventListener("click", async () => {
    await navigator.clipboard.writeText(source.textContent ?? "");
    if (status) status.textContent = "Link copied";
  });
  place.prepend(button);
}
