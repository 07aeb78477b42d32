/**
 * The last line of defence for secrets: every text the guarded client prints passes through a
 * redactor that knows the AccessKey secret and the security token of the run. Nothing is meant to
 * carry them in the first place (outcomes are built without them); this catches what an SDK
 * error message or a future change might let through.
 */

/** What replaces a secret in output. */
export const REDACTED = '<redacted>';

/** Secrets shorter than this are not searched for: a one-character "secret" would shred output. */
const MIN_SECRET_LENGTH = 4;

/** A function that removes every known secret from a text. */
export type Redactor = ((text: string) => string) & { add(secret: string | undefined): void };

/** A redactor for the given secrets; more can be added once the credential chain has answered. */
export function createRedactor(secrets: Array<string | undefined> = []): Redactor {
  const known = new Set<string>();
  const redact = ((text: string) => {
    let out = text;
    // Longest first, so a secret that contains another is replaced whole.
    for (const secret of [...known].sort((a, b) => b.length - a.length)) out = out.split(secret).join(REDACTED);
    return out;
  }) as Redactor;
  redact.add = (secret) => {
    if (secret === undefined || secret.length < MIN_SECRET_LENGTH) return;
    // As written, as JSON escapes it, and as a URL or form body encodes it.
    for (const form of [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)]) known.add(form);
  };
  secrets.forEach((s) => redact.add(s));
  return redact;
}
