/**
 * The playground page's script: the scenario text is the page's one state. Every edit — typed in
 * the editor, or made through the action box, the resource box or a context key's setting —
 * re-analyses it (src/playground/analyse.ts: findings, the decision and `ramguard eval`'s
 * explanation), writes it compressed into the address (a reload or a shared link restores it) and
 * refreshes the `ramguard eval` command line. Nothing here makes a request.
 */
import { builtinCatalog } from '../src/catalog/builtin.js';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import { analyseScenario, type PlaygroundAnalysis } from '../src/playground/analyse.js';
import type { KeyState } from '../src/playground/context-keys.js';
import { setContextKey, setRequestField } from '../src/playground/edit.js';
import { LintCache } from '../src/playground/lint-cache.js';
import { decodeState, encodeState } from '../src/playground/hash-state.js';
import { STATE_ELEMENT_ID, type PlaygroundState } from '../src/playground/state.js';
import { evalCommandLine } from '../src/playground/shell.js';
import { byId, el, renderCompletions, renderDecision, renderEntry, renderFindings, renderGutter, renderKeys } from './view.js';

const catalog = builtinCatalog();
const lintCache = new LintCache();
const editor = byId<HTMLTextAreaElement>('scenario');
const actionBox = byId<HTMLInputElement>('action');
const resourceBox = byId<HTMLInputElement>('resource');
const status = byId('status');
const initial = JSON.parse(byId(STATE_ELEMENT_ID).textContent ?? '{}') as PlaygroundState;

/** The last analysis, and how long it took (milliseconds, the test hooks read it). */
let last: PlaygroundAnalysis | undefined;

function say(text: string): void {
  status.textContent = text;
}

/** Moves the editor's cursor to a finding's line and column. */
function goTo(d: Diagnostic): void {
  if (!d.range) return;
  const lines = editor.value.split('\n');
  let offset = 0;
  for (let i = 0; i < d.range.line - 1 && i < lines.length; i++) offset += lines[i]!.length + 1;
  offset += Math.max(0, d.range.column - 1);
  editor.focus();
  editor.setSelectionRange(offset, offset);
  const lineHeight = 18;
  editor.scrollTop = Math.max(0, (d.range.line - 3) * lineHeight);
}

/** Replaces the scenario text (from a form control) and re-decides; a text that cannot be edited is left alone. */
function replaceText(next: string | undefined, what: string): void {
  if (next === undefined) {
    say(`cannot set ${what}: fix the scenario's syntax first`);
    return;
  }
  editor.value = next;
  schedule();
}

function setKey(key: string, state: KeyState): void {
  replaceText(setContextKey(editor.value, key, state), `\`${key}\``);
}

/** Re-analyses the text and redraws everything that depends on it. */
function update(): void {
  const text = editor.value;
  const started = performance.now();
  const analysis = analyseScenario(text, catalog, lintCache);
  const ms = performance.now() - started;
  last = analysis;
  renderDecision(analysis);
  const decision = byId('decision');
  decision.dataset.ms = ms.toFixed(2);
  byId('timing').textContent = `decided in ${ms < 1 ? ms.toFixed(2) : ms.toFixed(1)} ms`;
  renderFindings(analysis.problems, goTo);
  renderGutter(text, analysis.problems);
  if (document.activeElement !== actionBox) actionBox.value = analysis.action ?? analysis.decision?.request.action ?? '';
  if (document.activeElement !== resourceBox) resourceBox.value = analysis.decision?.request.resource ?? '';
  renderEntry(catalog, actionBox.value || undefined);
  renderKeys(analysis.keys, setKey);
  byId<HTMLTextAreaElement>('command').value = evalCommandLine(text);
  scheduleAddress(text);
}

let addressTimer: ReturnType<typeof setTimeout> | undefined;
let written = '';

/** Writes the state into the address a moment after the last edit (replaceState: no history entry per key). */
function scheduleAddress(text: string): void {
  clearTimeout(addressTimer);
  document.body.dataset.saved = 'false';
  addressTimer = setTimeout(() => {
    void encodeState(text).then((hash) => {
      if (editor.value !== text) return; // a newer edit will write its own
      written = hash;
      history.replaceState(null, '', hash);
      document.body.dataset.saved = 'true';
    });
  }, 250);
}

/** Opens the state in the address, else the page's own scenario. */
async function open(): Promise<void> {
  const fromAddress = location.hash ? await decodeState(location.hash) : undefined;
  if (location.hash && fromAddress === undefined) say('the address holds no scenario this page can read: opened the page’s own');
  editor.value = fromAddress ?? initial.scenario ?? '';
  byId('notes').replaceChildren(...(initial.notes ?? []).map((n) => el('li', {}, n)));
  update();
  // Since navigation started: what a user waits for before the first decision shows.
  document.body.dataset.openedMs = performance.now().toFixed(0);
  document.body.dataset.ready = 'true';
}

let pending = false;
let typingTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * Re-decides after an edit: once per frame however fast the typing; a scenario that takes long to
 * decide (hundreds of statements) waits for a pause in the typing instead, so keys are never held up.
 */
function schedule(): void {
  const lastMs = Number(byId('decision').dataset.ms ?? '0');
  if (lastMs > 40) {
    clearTimeout(typingTimer);
    typingTimer = setTimeout(update, Math.min(2 * lastMs, 800));
    return;
  }
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => {
    pending = false;
    update();
  });
}

editor.addEventListener('input', schedule);
editor.addEventListener('scroll', () => {
  byId('gutter').scrollTop = editor.scrollTop;
});
actionBox.addEventListener('input', () => {
  renderCompletions(catalog, actionBox.value);
  replaceText(setRequestField(editor.value, 'action', actionBox.value), 'the action');
});
actionBox.addEventListener('focus', () => renderCompletions(catalog, actionBox.value));
resourceBox.addEventListener('input', () => replaceText(setRequestField(editor.value, 'resource', resourceBox.value), 'the resource'));
byId('copy').addEventListener('click', () => {
  const command = evalCommandLine(editor.value);
  const copied = navigator.clipboard?.writeText(command);
  if (!copied) return fallbackCopy();
  copied.then(() => say('copied the command'), fallbackCopy);
});
byId('reset').addEventListener('click', () => {
  editor.value = initial.scenario ?? '';
  update();
  say('back to the opened scenario');
});
window.addEventListener('hashchange', () => {
  if (location.hash !== written) void open();
});

/** Without the clipboard API (permission refused): select the command for the user to copy. */
function fallbackCopy(): void {
  const box = byId<HTMLTextAreaElement>('command');
  box.focus();
  box.select();
  say(document.execCommand('copy') ? 'copied the command' : 'the command is selected: copy it with the keyboard');
}

/**
 * Test and measurement hook: the last analysis, and `decide(text)` — the editor set to `text`
 * and everything redrawn, as on an edit — which returns the analysis' milliseconds.
 */
function decide(text?: string): number {
  if (text !== undefined) editor.value = text;
  update();
  return Number(byId('decision').dataset.ms);
}
Object.defineProperty(window, 'ramguardPlayground', { value: Object.freeze({ last: () => last, decide }) });

void open();
