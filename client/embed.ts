/**
 * What a school pastes into its website:
 *   <script src="https://STEPWISE/js/embed.js" data-school="SLUG" async></script>
 * puts the school's concern form here in a frame and keeps the frame as tall as the form. With a pasted <iframe>
 * instead, this script (without data-school) only does the resizing. Heights are taken only from Stepwise's origin
 * and only from Stepwise's own frames.
 */
(() => {
  const script = document.currentScript;
  if (!(script instanceof HTMLScriptElement)) return;
  const stepwise = new URL(script.src).origin;
  const slug = script.dataset.school;
  if (slug && /^[a-z0-9-]{1,100}$/.test(slug)) {
    const frame = document.createElement("iframe");
    frame.src = `${stepwise}/s/${slug}/concern?embed=${encodeURIComponent(location.origin)}`;
    frame.title = script.dataset.title ?? "Tell the school about a concern";
    frame.style.cssText = "display:block;width:100%;border:0;height:40rem";
    script.after(frame);
  }
  window.addEventListener("message", (event) => {
    if (event.origin !== stepwise) return;
    const frame = [...document.querySelectorAll("iframe")].find((candidate) => candidate.contentWindow === event.source);
    const height = (event.data as { type?: unknown; height?: unknown } | null)?.height;
    if (!frame || (event.data as { type?: unknown }).type !== "stepwise:height" || typeof height !== "number") return;
    if (height > 0 && height < 100_000) frame.style.height = `${height}px`;
  });
})();
