// The browser's scripts, bundled at build time (wrangler.toml [build], so `npm run dev`, the tests and deploy all
// run it): client/forms.ts with the same valibot schemas the server checks, one script per kind of staff page
// (client/staff/, each with only its own forms' schemas), client/embed.ts for school websites, and the stylesheet.
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

await build({
  entryPoints: {
    forms: path.join(root, "client/forms.ts"),
    ...Object.fromEntries(
      readdirSync(path.join(root, "client/staff")).map((file) => [`staff/${path.parse(file).name}`, path.join(root, "client/staff", file)]),
    ),
    embed: path.join(root, "client/embed.ts"),
  },
  outdir: path.join(root, "static/js"),
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2020",
  legalComments: "none",
  logLevel: "warning",
});

// The one stylesheet, minified from its source (client/stepwise.css) as Cloudflare serves it.
await build({
  entryPoints: [path.join(root, "client/stepwise.css")],
  outfile: path.join(root, "static/css/stepwise.css"),
  minify: true,
  legalComments: "none",
  logLevel: "warning",
});
