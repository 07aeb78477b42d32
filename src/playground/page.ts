/**
 * The playground page: one self-contained HTML file — the style, the bundled script (evaluator,
 * linter, catalog, every service) and the scenario to open on, all inline. Its
 * Content-Security-Policy names this page's one style and one script by their hashes and allows
 * nothing else: no request of any kind, no other script, no inline handler. The scenario travels
 * as JSON in a non-executed `<script type="application/json">`, escaped so that no text in it
 * (`</script>`, `<!--`) can end that element; the page's script inserts every user text as text.
 */
import { cspHash } from '../audit/render/html-escape.js';
import { STATE_ELEMENT_ID, type PlaygroundState } from './state.js';
import { PLAYGROUND_STYLE } from './style.js';

export type { PlaygroundState } from './state.js';


/** The page's scenario when none is given: the README's example, inline. */
export const DEFAULT_SCENARIO = `# A scenario: the request and every policy, by layer (docs/scenario-format.md).
request:
  principal:
    type: RamUser
    arn: acs:ram::1234567890123456:user/alice
  action: cams:UpdateInstance
  resource: acs:cams:ap-southeast-1:1234567890123456:instance/prod-42
  context:
    acs:SecureTransport: "true"
  absent: [acs:MFAPresent]
policies:
  identity:
    - name: cams-operator
      document:
        Version: "1"
        Statement:
          - Sid: ReadInstances
            Effect: Allow
            Action: ["cams:Get*", "cams:List*"]
            Resource: "*"
          - Sid: UpdateProdInstancesFromOffice
            Effect: Allow
            Action: cams:UpdateInstance
            Resource: acs:cams:ap-southeast-1:1234567890123456:instance/*
            Condition:
              IpAddress:
                acs:SourceIp: [203.0.113.0/24]
              Bool:
                acs:SecureTransport: "true"
`;

/** JSON that may sit inside a `<script>` element: no `<`, `>` or `&`, and no line separators JavaScript once refused. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The script as the text of a `<script>` element. esbuild already writes `</script` in strings as
 * `<\/script`; this makes sure of it for any script, and of `<!--` too (which changes how the
 * HTML parser reads the rest of a script). Both rewrites are the same string in JavaScript.
 */
export function inlineScript(script: string): string {
  return script.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** The whole page (no final newline). `script` is the bundle (dist/playground/app.js). */
export function renderPlaygroundPage(script: string, state: PlaygroundState): string {
  const js = inlineScript(script);
  const csp = `default-src 'none'; style-src '${cspHash(PLAYGROUND_STYLE)}'; script-src '${cspHash(js)}'; base-uri 'none'; form-action 'none'`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="referrer" content="no-referrer">
<meta name="generator" content="ramguard">
<title>ramguard playground</title>
<style>${PLAYGROUND_STYLE}</style>
</head>
<body>
<header>
<h1>ramguard playground</h1>
<div class="actions">
<button type="button" id="copy">Copy the <code>ramguard eval</code> command</button>
<button type="button" id="reset">Back to the opened scenario</button>
<span id="status" role="status" aria-live="polite"></span>
</div>
</header>
<main>
<div>
<section aria-labelledby="scenario-label">
<h2><label id="scenario-label" for="scenario">Scenario (YAML or JSON: the request and every policy, by layer)</label></h2>
<ul id="notes" class="muted"></ul>
<div class="editor">
<pre class="gutter" id="gutter" aria-hidden="true"></pre>
<textarea id="scenario" data-testid="scenario" spellcheck="false" autocapitalize="off" autocomplete="off" wrap="off" aria-describedby="findings-heading"></textarea>
</div>
</section>
<section aria-labelledby="findings-heading">
<h2 id="findings-heading">Findings</h2>
<p id="findings-summary" class="muted"></p>
<ol id="findings" data-testid="findings"></ol>
</section>
<section aria-labelledby="command-heading">
<h2><label id="command-heading" for="command">The same decision on the command line</label></h2>
<textarea id="command" readonly spellcheck="false"></textarea>
</section>
</div>
<div>
<section id="decision-section" aria-labelledby="decision-heading">
<h2 id="decision-heading">Decision</h2>
<div id="decision" data-testid="decision" role="status" aria-live="polite"></div>
<p id="timing" class="muted"></p>
<pre id="explanation"></pre>
</section>
<section aria-labelledby="request-heading">
<h2 id="request-heading">Request</h2>
<div class="field"><label for="action">Action</label><input id="action" list="action-list" autocomplete="off" spellcheck="false" autocapitalize="off"><datalist id="action-list"></datalist></div>
<div class="entry" id="entry" aria-live="polite"></div>
<div class="field"><label for="resource">Resource (ARN)</label><input id="resource" autocomplete="off" spellcheck="false" autocapitalize="off"></div>
</section>
<section aria-labelledby="keys-heading">
<h2 id="keys-heading">Context keys</h2>
<p class="muted">Unknown keys make a decision that depends on them Conditional. One value a line; several lines are several values.</p>
<div class="keys"><table><thead><tr><th scope="col">key</th><th scope="col">type</th><th scope="col">in the request</th></tr></thead><tbody id="keys"></tbody></table></div>
</section>
</div>
</main>
<script type="application/json" id="${STATE_ELEMENT_ID}">${scriptSafeJson(state)}</script>
<script>${js}</script>
</body>
</html>`;
}
