/**
 * Keeps credentials off the terminal whatever the environment switches on. Alibaba's SDK stack
 * prints every request header, `x-acs-security-token` and the `Authorization` signature included,
 * when `DEBUG` names `httpx:*` (the `debug` package, read once when it loads), and Node prints the
 * request options, headers included, when `NODE_DEBUG` names `http` or `net` (read by Node at
 * start-up: nothing in the process can switch it off afterwards). So there are two walls:
 *
 * 1. the `debug` switches are turned off: `DEBUG` is removed from the environment (for a `debug`
 *    loaded later) and every `debug` already loaded is disabled;
 * 2. `process.stdout.write` and `process.stderr.write` pass every chunk through the run's redactor
 *    (the known secret and token) and through `redactCredentialFields` (header and field shapes
 *    whose values are credentials: a signature is new for every request, so no list knows it).
 *
 * For the CLI commands that hold credentials only (`update-instance`, `collect`): a library must
 * not patch its host's streams, so nothing here runs on import.
 */
import { createRequire } from 'node:module';
import { REDACTED, type Redactor } from './redact.js';

/**
 * Names whose value is a credential, in the shapes debug output prints them: a header line
 * (`x-acs-security-token: v`), `util.inspect` (`'x-acs-security-token': 'v'`), JSON
 * (`"SecurityToken":"v"`), a query string (`SecurityToken=v&…`). A boolean is not a value
 * (`"securityToken": true` in `update-instance --format json` says one is used, and stays).
 */
const SECRET_FIELD = /(\b(?:security[-_]?token|access[-_]?key[-_]?secret)\b["']?\s*[:=]\s*["']?)(?!(?:true|false|null|undefined)\b)[^"'\s,&}\])]+/gi;
/**
 * A request signature: 64 hex digits (ACS3-HMAC-SHA256) or Base64, maybe percent-encoded (the
 * older RPC signature of the credential providers). Sixteen characters at least, so the algorithm
 * name `"signature": "ACS3-HMAC-SHA256"` of `--format json` is not one.
 */
const SIGNATURE = /(\bsignature\b["']?\s*[:=]\s*["']?)[A-Za-z0-9+/=%]{16,}/gi;
/**
 * The whole value of an `Authorization` header, whatever its scheme: a scheme word, a space,
 * then everything to a quote or the line's end (`"authorization": {` of the JSON preflight is not one).
 */
const AUTHORIZATION = /(\bauthorization\b["']?\s*[:=]\s*["']?)[A-Za-z][\w.-]*[ \t][^"'\r\n]+/gi;

/** Replaces the value of every credential-carrying header or field in `text` with `<redacted>`. */
export function redactCredentialFields(text: string): string {
  return text.replace(AUTHORIZATION, `$1${REDACTED}`).replace(SIGNATURE, `$1${REDACTED}`).replace(SECRET_FIELD, `$1${REDACTED}`);
}

/** The `debug` package's module ids, wherever npm put its copies. */
const DEBUG_MODULE = /[\\/]node_modules[\\/]debug[\\/]src[\\/](?:index|node)\.js$/;

/**
 * Turns off the `debug` package (httpx's `httpx:header` and `httpx:body`, the credentials'
 * `sign`): removes `DEBUG` from the environment, so a copy loaded later starts disabled, and
 * disables every copy already loaded (it read `DEBUG` when it loaded). Returns how many loaded
 * copies it disabled.
 */
export function silenceDebugSwitches(env: NodeJS.ProcessEnv = process.env): number {
  delete env['DEBUG'];
  const cache = createRequire(import.meta.url).cache;
  let disabled = 0;
  for (const [id, module] of Object.entries(cache)) {
    const exported = module?.exports as { disable?: () => string } | undefined;
    if (!DEBUG_MODULE.test(id) || typeof exported?.disable !== 'function') continue;
    exported.disable();
    disabled++;
  }
  // disable() persists '' by deleting DEBUG again; make sure nothing restored it.
  delete env['DEBUG'];
  return disabled;
}

type Write = NodeJS.WriteStream['write'];
const GUARDED = Symbol.for('ramguard.output-guard');

/**
 * Installs both walls for this process: silences the `debug` switches and makes every write to
 * stdout and stderr pass through `redact` and `redactCredentialFields`. Call it at the start of a
 * command that holds credentials, with the command's redactor (secrets added to it later are
 * redacted from then on). A second call replaces the redactor. Returns a function that restores
 * the streams (for tests).
 */
export function guardProcessOutput(redact: Redactor | ((text: string) => string), streams: NodeJS.WriteStream[] = [process.stdout, process.stderr]): () => void {
  silenceDebugSwitches();
  const restores = streams.map((stream) => {
    const holder = stream as NodeJS.WriteStream & { [GUARDED]?: Write };
    const original: Write = holder[GUARDED] ?? stream.write;
    const guarded = function (this: unknown, chunk: unknown, encoding?: unknown, callback?: unknown): boolean {
      const [enc, done] = typeof encoding === 'function' ? [undefined, encoding] : [encoding, callback];
      // Bytes are decoded as UTF-8 (all the CLI and the SDK write); text keeps its encoding.
      const text = typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('utf8') : String(chunk);
      const clean = redactCredentialFields(redact(text));
      return (original as (...args: unknown[]) => boolean).call(stream, clean, typeof chunk === 'string' ? enc : 'utf8', done);
    } as Write;
    holder[GUARDED] = original;
    stream.write = guarded;
    return () => {
      if (stream.write === guarded) {
        stream.write = original;
        delete holder[GUARDED];
      }
    };
  });
  return () => restores.forEach((restore) => restore());
}
