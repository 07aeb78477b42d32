// Replaces the documented rows of a hand-written service file (ram.yaml, sts.yaml) in place: each
// row's entry becomes one line, everything else (comments, other entries) stays as written.
// Used by scripts/ingest-authorization.mjs.
import { DOCUMENTED_LEVELS, entryText, resourcesOf, sameKeys } from './authorization-tsv.mjs';

const OLDER = new Set(['Read', 'Write', 'List']);

/**
 * Facts a row states in its note but not in its cells, by `service:Action`: a cut-off ARN is still
 * a documented resource type.
 */
const AMENDMENTS = new Map([['ram:AttachPolicyToGroup', { resources: ['SystemPolicy'], why: 'the catalog adds SystemPolicy, the type of the cut-off ARN (acs:ram:*:system:policy/…), so that a system policy is not called a mismatch' }]]);

/**
 * Rows not applied yet, and why. The library's argument checks (src/api/tool-shapes.ts) still list
 * the access levels without Read/Write/List and would refuse the whole built-in catalog: apply these
 * rows (delete them here, then `npm run catalog`) once that file takes ACCESS_LEVELS from
 * src/catalog/access.ts.
 */
export const HELD_BACK = new Map();

/**
 * The entry a row gives, or the kept entry: a row in the older vocabulary (Read/Write/List) does not
 * replace an entry documented in the current one, which comes from a newer page; the kept entry
 * then notes the other copy.
 */
function entryFor(service, row, existing, raw) {
  const current = existing && 'documented' in existing.source && DOCUMENTED_LEVELS.has(existing.access) && !OLDER.has(existing.access);
  if (current && OLDER.has(row.level)) {
    const { note: _old, ...kept } = existing;
    return { ...kept, note: `also documented as ${row.level} (older vocabulary) on ${row.source}: ${row.note}; this entry keeps the current-vocabulary page` };
  }
  let resources = resourcesOf(row, raw.resourceTypes);
  const amendment = AMENDMENTS.get(`${service}:${row.action}`);
  if (amendment && Array.isArray(resources)) resources = [...resources, ...amendment.resources.filter((t) => !resources.includes(t))];
  const entry = { access: row.level, resources, source: { documented: row.source } };
  if (!sameKeys(row.conditionKeys, raw.conditionKeys.keys)) entry.conditionKeys = row.conditionKeys;
  if (existing?.changesPermissions) entry.changesPermissions = true;
  entry.note = amendment ? `${row.note}; ${amendment.why}` : row.note;
  return entry;
}

/** The lines of an entry: its key line and the lines indented under it. */
function entryLines(lines, name) {
  const actions = lines.indexOf('actions:');
  const start = lines.findIndex((l, i) => i > actions && (l === `  ${name}:` || l.startsWith(`  ${name}: `)));
  if (actions < 0 || start < 0) return undefined;
  let end = start + 1;
  while (end < lines.length && /^ {3,}\S/.test(lines[end])) end++;
  return [start, end];
}

/** The service file with each row's entry replaced (or added at the end of `actions`). */
export function patchServiceText(text, raw, rows) {
  const service = raw.service;
  const lines = text.split('\n');
  for (const row of rows) {
    if (HELD_BACK.has(`${service}:${row.action}`)) continue;
    const existing = raw.actions[row.action];
    const line = `  ${row.action}: ${entryText(entryFor(service, row, existing, raw))}`;
    const at = entryLines(lines, row.action);
    if (at) lines.splice(at[0], at[1] - at[0], line);
    else lines.splice(lines.at(-1) === '' ? lines.length - 1 : lines.length, 0, line);
  }
  return lines.join('\n');
}
