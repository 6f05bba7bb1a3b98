import { readFile } from "node:fs/promises";
import { Log, LogLevel } from "miniflare";

/**
 * The local mail: Miniflare's send_email binding writes each message to an .eml file and logs its path; this log keeps
 * the paths (and passes every other message on as Miniflare would print it at warnings and above).
 */
export class MailLog extends Log {
  readonly paths: string[] = [];
  constructor() {
    super(LogLevel.WARN);
  }
  override logWithLevel(level: LogLevel, message: string) {
    const path = message.match(/(\S+\.eml)\s*$/)?.[1];
    if (path) this.paths.push(path);
    else super.logWithLevel(level, message);
  }
}

/** Decodes a quoted-printable or plain text body far enough to read links in it. */
const decoded = (raw: string) => raw.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

/** Every message delivered so far, as text, waiting a little for one addressed to `to` (the log arrives after the send). */
export async function mailTo(log: MailLog, to: string, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const messages = await Promise.all(log.paths.map(async (path) => decoded(await readFile(path, "utf8"))));
    const found = messages.find((message) => new RegExp(`^To: .*${to.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`, "mi").test(message));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`No mail to ${to} among ${messages.length} delivered`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
