/**
 * `--format table` (default): a summary table within the terminal's width (or 120 columns), then
 * the details below it. who-can: principals with the same answer share one row group (a `#`
 * number), instances as counts and ranges; principal-can: actions with the same answer share a
 * row (`cams: all 173` when every action of the pattern does). Details list, per `#`, every
 * principal or action, the resources, each path from the principal on, what is taken away and
 * every escalation move — wrapped to the same width.
 */
import type { AuditResult, Escalation } from '../types.js';
import { beyondLines } from './beyond.js';
import { grantGroupsOf, JoinedLists, type GrantGroup } from './grouped.js';
import type { AuditRenderOptions } from './index.js';
import { describePathFrom, headline, pathLines } from './rows.js';
import { DEFAULT_WIDTH, idRanges, layoutTable, wrap, type Column } from './table-layout.js';

const MAX_RESOURCES = 4;

/** Lists at most a few resources, then how many more. */
export function shortList(items: string[]): string {
  return items.length <= MAX_RESOURCES ? items.join(', ') : `${items.slice(0, MAX_RESOURCES).join(', ')} (+${items.length - MAX_RESOURCES})`;
}

/** One row of the table and what it says in full (a detail's leading spaces nest it under the one before). */
interface Unit {
  decision: string;
  resources: string;
  paths: string;
  condition: string;
  details: string[];
}

/** A condition longer than this is printed once, below the details, and named `[C1]` where it applies. */
const LONG_CONDITION = 60;

/** The long conditions of one table, each named once (`[C1]`) in the order met. */
class Conditions {
  readonly names = new Map<string, string>();

  /** The condition as it is when short, else its name. */
  name(text: string): string {
    if (text.length <= LONG_CONDITION) return text;
    let name = this.names.get(text);
    if (name === undefined) this.names.set(text, (name = `[C${this.names.size + 1}]`));
    return name;
  }

  /** The cell: a short condition, or its name and its start (the column cuts it). */
  cell(text: string): string {
    const name = this.name(text);
    return name === text ? text : `${name} ${text}`;
  }
}

/** The names of a group's resources: instance ids where the inventory knows them, else ARNs. */
const namesOf = (g: GrantGroup) => (g.instances.length === g.resources.length ? g.instances.map((i) => i.id) : g.resources);

/** The RESOURCES cell: `all 60`, a short list, or `12 of 60: ins-1..4, …` (cut to the column later). */
function resourcesCell(count: number, ranges: string[], total: number | undefined): string {
  if (count > 1 && total !== undefined && count === total) return `all ${total}`;
  return count <= 3 ? ranges.join(', ') : `${count}${total !== undefined ? ` of ${total}` : ''}: ${ranges.join(', ')}`;
}

/** A group's names as ranges, once per resource list (lists of a resource class are shared by every principal). */
function rangesOf(g: GrantGroup, memo: Map<string[], string[]>): string[] {
  let found = memo.get(g.resources);
  if (!found) memo.set(g.resources, (found = idRanges(namesOf(g))));
  return found;
}

function grantUnit(g: GrantGroup, total: number | undefined, conditions: Conditions, memo: Map<string[], string[]>): Unit {
  const names = namesOf(g);
  const ranges = rangesOf(g, memo);
  const taken = g.restrictions.map((r) => r.message);
  const condition = [g.decision === 'None' || !g.condition ? '' : conditions.cell(g.condition), ...taken].filter(Boolean).join('; ');
  const on = names.length > 1 && total !== undefined && names.length === total ? `all ${total} resources` : ranges.join(', ');
  const details = [`${g.decision === 'None' ? 'None (taken away)' : g.decision} on ${on}${g.condition && g.decision !== 'None' ? ` if ${conditions.name(g.condition)}` : ''}`, ...joinStatements(pathLines(g, describePathFrom)).map((l) => `  ${l.startsWith('…') ? l : `via ${l}`}`), ...taken.map((t) => `  taken away: ${t}`)];
  const shown = g.pathCount ?? g.paths.length;
  return { decision: g.decision, resources: resourcesCell(names.length, ranges, total), paths: shown > g.paths.length ? `${g.paths.length} of ${shown}${g.pathCountAtLeast ? '+' : ''}` : `${shown}${g.pathCountAtLeast ? '+' : ''}`, condition, details };
}

/** A move in a few words: who calls which action (the row's principal needs no saying), and what it does; the ARN is in the JSON. */
const moveText = (s: Escalation['chain'][number], first: boolean) => `${first ? '' : `${s.actor.ref}: `}${s.action} (${s.message})`;

/**
 * The escalations of one principal (or of one action, for principal-can) as one row: whom they
 * reach and how many chains; the details list each chain, a one-move chain on one line.
 */
function escalationsUnit(escalations: readonly Escalation[], conditions: Conditions): Unit {
  const reached = [...new Set(escalations.map((e) => e.reaches.ref))];
  const whens = escalations.map((e) => (e.decision === 'Conditional' ? e.chain.map((s) => s.condition).filter(Boolean).join('; ') : ''));
  const possible = escalations.map((e) => e.certainty === 'possible');
  const certainAllow = whens.some((when, i) => !when && !possible[i]);
  // The row's condition: none when one chain is certain and unconditional; else what the first says.
  const condition = certainAllow ? '' : [whens[0] ? conditions.cell(whens[0]) : '', possible[0] ? 'possible' : ''].filter(Boolean).join('; ');
  const details = escalations.flatMap((e, i) => {
    const said = [whens[i] ? conditions.name(whens[i]!) : '', possible[i] ? 'possible' : ''].filter(Boolean).join('; ');
    const head = `can escalate as ${e.reaches.ref}${said ? ` (${said})` : ''}`;
    return e.chain.length === 1 ? [`${head}: ${moveText(e.chain[0]!, true)}`] : [head, ...e.chain.map((s, k) => `  ${k + 1}. ${moveText(s, k === 0)}`)];
  });
  const chains = escalations.length;
  return { decision: 'can escalate', resources: reached.length === 1 ? `as ${reached[0]}` : `as ${reached.length} principals`, paths: `${chains} chain${chains === 1 ? '' : 's'}`, condition, details };
}

/** Paths that differ only in their last step (the statement) as one line: `… → cams-admin v2 [Custom] → /Statement/0, /Statement/1`. */
function joinStatements(lines: string[]): string[] {
  const joined = new Map<string, string[]>();
  for (const line of lines) {
    const cut = line.startsWith('…') ? -1 : line.lastIndexOf(' → ');
    const head = cut < 0 ? line : line.slice(0, cut);
    const tail = cut < 0 ? undefined : line.slice(cut + 3);
    const found = joined.get(head);
    if (found && tail !== undefined) found.push(tail);
    else joined.set(cut < 0 ? `\u0000${line}` : head, tail === undefined ? [] : [tail]);
  }
  return [...joined].map(([head, tails]) => (tails.length === 0 ? head.replace(/^\u0000/, '') : `${head} → ${tails.join(', ')}`));
}

/** Units grouped by their text: `labels` are the principals (who-can) or actions (principal-can) they hold for. */
interface Group {
  labels: string[];
  units: Unit[];
}

function groupBy(entries: { label: string; units: Unit[] }[]): Group[] {
  const groups = new Map<string, Group>();
  for (const { label, units } of entries) {
    const key = JSON.stringify(units);
    const found = groups.get(key);
    if (found) found.labels.push(label);
    else groups.set(key, { labels: [label], units });
  }
  return [...groups.values()];
}

/**
 * principal-can: the actions of a row per service — every action of the service the pattern
 * expanded to: `cams:* (all 173)`; more than half: `cams:* except A, B (168 of 173)`; else the list.
 */
function actionsLabel(actions: string[], asked: readonly string[]): string {
  const serviceOf = (a: string) => a.slice(0, a.indexOf(':'));
  const mine = new Map<string, Set<string>>();
  for (const a of actions) mine.set(serviceOf(a), (mine.get(serviceOf(a)) ?? new Set()).add(a));
  return [...mine]
    .map(([service, list]) => {
      const all = asked.filter((a) => serviceOf(a) === service);
      if (list.size > 1 && list.size === all.length) return `${service}:* (all ${all.length})`;
      if (list.size > 2 && list.size * 2 > all.length) return `${service}:* except ${all.filter((a) => !list.has(a)).join(', ')} (${list.size} of ${all.length})`;
      return [...list].join(', ');
    })
    .join(', ');
}

/** The answer as a table within `options.width` (default 120), then the details. */
export function renderTable(result: AuditResult, options: AuditRenderOptions = {}): string {
  const width = options.width ?? DEFAULT_WIDTH;
  const byPrincipal = result.kind === 'who-can';
  // `all 60` needs how many there were: the resources asked about (who-can), the inventory (principal-can's instance actions).
  const total = result.kind === 'who-can' ? (result.query.allResources ? result.query.resourceCount : undefined) : result.query.inventorySize || undefined;
  const conditions = new Conditions();
  const ranges = new Map<string[], string[]>();
  // Principals whose classes join alike share the joined lists, and so their ranges.
  const lists = new JoinedLists();
  let groups: Group[];
  if (result.kind === 'who-can') {
    groups = groupBy(result.principals.map((a) => ({ label: a.principal.ref, units: [...grantGroupsOf(a, lists).map((g) => grantUnit(g, total, conditions, ranges)), ...(a.escalations.length > 0 ? [escalationsUnit(a.escalations, conditions)] : [])] })));
  } else {
    const { access } = result;
    const byAction = new Map<string, Escalation[]>();
    for (const e of access.escalations) byAction.set(e.action ?? result.query.actionPattern, [...(byAction.get(e.action ?? result.query.actionPattern) ?? []), e]);
    groups = groupBy([...grantGroupsOf(access).map((g) => ({ label: g.action, units: [grantUnit(g, g.instances.length > 0 ? total : undefined, conditions, ranges)] })), ...[...byAction].map(([action, list]) => ({ label: action, units: [escalationsUnit(list, conditions)] }))]);
  }
  // The headline too keeps within the width: an ARN in the question can be long.
  const head = wrap(headline(result), width, '');
  if (groups.length === 0) return [...head, 'nobody', ...beyondLines(result, width)].join('\n');
  const label = (g: Group) => (byPrincipal ? g.labels.join(', ') : actionsLabel(g.labels, result.kind === 'principal-can' ? result.query.actions : []));
  const columns: Column[] = [
    { head: '#', flexible: false },
    { head: byPrincipal ? 'PRINCIPALS' : 'ACTIONS', flexible: true },
    { head: 'DECISION', flexible: false },
    { head: 'RESOURCES', flexible: true },
    { head: 'PATHS', flexible: false },
    { head: 'CONDITION', flexible: true },
  ];
  const rows: string[][] = [];
  const details: string[] = [];
  groups.forEach((g, n) => {
    const id = String(n + 1);
    const labels = label(g);
    const count = byPrincipal && g.labels.length > 1 ? `(${g.labels.length}) ` : '';
    g.units.forEach((u, k) => rows.push([k === 0 ? id : '', k === 0 ? `${count}${labels}` : '', u.decision, u.resources, u.paths, u.condition]));
    details.push(...wrap(`[${id}] ${labels}`, width, ''));
    // A detail's own leading spaces nest it under the one before.
    for (const u of g.units) for (const d of u.details) details.push(...wrap(d.trimStart(), width, `    ${d.slice(0, d.length - d.trimStart().length)}`));
  });
  // The long conditions, each once, after the details that name them.
  if (conditions.names.size > 0) details.push('', 'conditions:');
  for (const [text, name] of conditions.names) details.push(...wrap(`${name} ${text}`, width, ''));
  return [...head, ...layoutTable(columns, rows, width), '', ...details, ...beyondLines(result, width)].join('\n');
}
