/**
 * Renders the parts of the page from an analysis. Every text that may come from the user (the
 * scenario, policy names, keys, values, messages quoting them) is inserted with `textContent` or
 * as a text node: nothing here parses HTML.
 */
import { resourceTypesOf, lookupAction } from '../src/catalog/query.js';
import type { Catalog } from '../src/catalog/types.js';
import type { Diagnostic } from '../src/diagnostics/diagnostic.js';
import type { PlaygroundAnalysis } from '../src/playground/analyse.js';
import type { ContextKeyRow, KeyState } from '../src/playground/context-keys.js';

/** An element with attributes and children; strings become text nodes. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  for (const child of children) node.append(child); // append(string) inserts a text node
  return node;
}

/** The element with `id`, which the page's markup always has. */
export function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`internal: the page has no #${id}`);
  return node as T;
}

const HEADLINE: Record<string, string> = { Allow: 'ALLOW', ExplicitDeny: 'DENY (explicit)', ImplicitDeny: 'DENY (implicit: nothing allows it)', Conditional: 'CONDITIONAL' };

/** The decision box and the explanation (`ramguard eval`'s text). */
export function renderDecision(analysis: PlaygroundAnalysis): void {
  const box = byId('decision');
  const explanation = byId('explanation');
  if (analysis.decision) {
    const { result } = analysis.decision;
    box.dataset.decision = result.decision;
    box.textContent = HEADLINE[result.decision] ?? result.decision;
    explanation.textContent = analysis.decision.text;
  } else {
    box.dataset.decision = 'none';
    box.textContent = `no decision: ${analysis.undecided ?? 'the scenario is not complete'}`;
    explanation.textContent = '';
  }
}

const where = (d: Diagnostic) => (d.range ? `line ${d.range.line}, column ${d.range.column}` : d.path ? `at ${d.path}` : 'the scenario');

/** The findings list; each item moves the editor's cursor to its line. */
export function renderFindings(problems: Diagnostic[], goTo: (d: Diagnostic) => void): void {
  const list = byId('findings');
  const items = problems.map((d) => {
    const button = el('button', { type: 'button', class: d.severity }, el('strong', {}, `${d.severity}[${d.code}]`), ` ${where(d)}: ${d.message}`);
    if (d.help) button.append(el('br'), el('span', { class: 'muted' }, `help: ${d.help}`));
    button.addEventListener('click', () => goTo(d));
    return el('li', {}, button);
  });
  list.replaceChildren(...items);
  const errors = problems.filter((d) => d.severity === 'error').length;
  byId('findings-summary').textContent = problems.length === 0 ? 'no findings' : `${problems.length} finding${problems.length === 1 ? '' : 's'}, ${errors} error${errors === 1 ? '' : 's'}`;
}

/** Line numbers beside the editor, marked where a finding is (error wins over warning). */
export function renderGutter(text: string, problems: Diagnostic[]): void {
  const lines = text.split('\n').length;
  const marks = new Map<number, string>();
  for (const d of problems) {
    if (!d.range) continue;
    if (marks.get(d.range.line) !== 'error') marks.set(d.range.line, d.severity === 'error' ? 'error' : 'warning');
  }
  const gutter = byId('gutter');
  const parts: (Node | string)[] = [];
  for (let i = 1; i <= lines; i++) {
    const mark = marks.get(i);
    const label = `${mark ? (mark === 'error' ? '✖' : '▲') : ''}${i}\n`;
    parts.push(mark ? el('span', { class: mark }, label) : label);
  }
  gutter.replaceChildren(...parts);
}

/** The catalog's entry of the action: access level, resource types, condition keys, where each fact comes from. */
export function renderEntry(catalog: Catalog, action: string | undefined): void {
  const box = byId('entry');
  const found = action ? lookupAction(catalog, action) : undefined;
  if (!found) {
    box.replaceChildren(el('p', { class: 'muted' }, action ? `the catalog has no action ${action}` : 'no action yet'));
    return;
  }
  const types = resourceTypesOf(catalog, found);
  const resources = found.resources === 'all' ? 'all resources (*)' : found.resources === 'unknown' ? 'not documented' : types.map((t) => `${t.name}: ${t.arn}`).join('\n') || found.resources.join(', ');
  const source = 'documented' in found.source ? `documented: ${found.source.documented}` : `inferred: ${found.source.inferred}`;
  const rows: [string, string][] = [
    ['action', found.fullName],
    ['access level', found.access],
    ['resource types', resources],
    ['condition keys', found.conditionKeys.join(', ') || 'none of its own'],
    ['source', source],
  ];
  box.replaceChildren(el('dl', {}, ...rows.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])));
}

/** Completion for the action box: the services, then the actions of the service typed. */
export function renderCompletions(catalog: Catalog, typed: string): void {
  const list = byId('action-list');
  const colon = typed.indexOf(':');
  const service = colon > 0 && catalog.services.has(typed.slice(0, colon).toLowerCase()) ? catalog.services.get(typed.slice(0, colon).toLowerCase()) : undefined;
  const names = service ? service.actions.map((a) => a.fullName) : [...catalog.services.keys()].map((code) => `${code}:`);
  const key = service ? service.service : '';
  if (list.dataset.for === key) return;
  list.dataset.for = key;
  list.replaceChildren(...names.map((name) => el('option', { value: name })));
}

const MODES: [KeyState['mode'], string][] = [
  ['unknown', 'unknown (not given)'],
  ['absent', 'absent'],
  ['values', 'value(s)'],
];

/** The context-key table; `onChange` gets a key's new state. Focus and selection survive a redraw. */
export function renderKeys(rows: ContextKeyRow[], onChange: (key: string, state: KeyState) => void): void {
  const body = byId('keys');
  const signature = JSON.stringify(rows.map((r) => [r.key, r.type, r.state]));
  if (body.dataset.signature === signature) return;
  const active = document.activeElement as HTMLElement | null;
  const focused = active && body.contains(active) ? { key: active.dataset.key, role: active.dataset.role, start: (active as HTMLTextAreaElement).selectionStart, end: (active as HTMLTextAreaElement).selectionEnd } : undefined;
  body.dataset.signature = signature;
  body.replaceChildren(
    ...rows.map((row, i) => {
      const id = `key-${i}`;
      const select = el('select', { id: `${id}-mode`, 'data-key': row.key, 'data-role': 'mode', 'aria-label': `${row.key} in the request` }, ...MODES.map(([value, label]) => el('option', { value }, label)));
      select.value = row.state.mode;
      const values = el('textarea', { id: `${id}-values`, 'data-key': row.key, 'data-role': 'values', rows: '1', spellcheck: 'false', 'aria-label': `values of ${row.key}, one a line` });
      values.value = row.state.mode === 'values' ? row.state.values.join('\n') : '';
      values.hidden = row.state.mode !== 'values';
      const send = () => {
        const mode = select.value as KeyState['mode'];
        onChange(row.key, mode === 'values' ? { mode, values: values.value.split('\n') } : { mode } as KeyState);
      };
      select.addEventListener('change', () => {
        values.hidden = select.value !== 'values';
        send();
      });
      values.addEventListener('input', send);
      const keyCell = el('td', {}, el('code', {}, row.key));
      if (row.description) keyCell.append(el('br'), el('span', { class: 'muted' }, row.description));
      const type = `${row.type}${row.typed ? '' : ' (assumed)'}`;
      return el('tr', {}, keyCell, el('td', {}, type, el('br'), el('span', { class: 'muted' }, row.origins.join(', '))), el('td', {}, select, values));
    }),
  );
  if (focused?.key !== undefined) {
    const again = [...body.querySelectorAll<HTMLElement>('[data-key]')].find((n) => n.dataset.key === focused.key && n.dataset.role === focused.role);
    if (again) {
      again.focus();
      if (again instanceof HTMLTextAreaElement && focused.start !== undefined) again.setSelectionRange(focused.start, focused.end);
    }
  }
}
