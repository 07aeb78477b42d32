// Reading a RAM authorization table (TSV, one row per documented action) and turning a row into a
// catalog entry. Used by scripts/ingest-authorization.mjs.

const COLUMNS = ['action', 'access_level', 'resource_type', 'condition_keys', 'dependent_actions', 'source', 'note'];

/** The access levels a page may write (docs/catalog.md, "Access levels"); src/catalog/access.ts has the same list. */
export const DOCUMENTED_LEVELS = new Set(['create', 'list', 'get', 'update', 'delete', 'Read', 'Write', 'List', 'none']);

/** `a, b` → ['a', 'b']; an empty cell → []. */
const list = (cell) => cell.split(',').map((s) => s.trim()).filter((s) => s !== '');

/** The TSV writes a quote inside a note as `\"`. */
const unescape = (cell) => cell.replace(/\\(["\\])/g, '$1');

/** Parses the table; every malformed row is an error naming its line. */
export function parseAuthorizationTsv(text, file) {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines[0] !== COLUMNS.join('\t')) throw new Error(`${file}: the header is not ${COLUMNS.join(' | ')}`);
  return lines.slice(1).map((line, i) => {
    const cells = line.split('\t');
    const where = `${file}:${i + 2}`;
    if (cells.length !== COLUMNS.length) throw new Error(`${where}: ${cells.length} columns, not ${COLUMNS.length}`);
    const [action, level, resources, keys, dependent, source, note] = cells.map((c) => c.trim());
    if (!DOCUMENTED_LEVELS.has(level)) throw new Error(`${where}: access level \`${level}\` is not one the catalog knows`);
    if (!source.startsWith('https://')) throw new Error(`${where}: the source \`${source}\` is not an https page`);
    // The catalog format has no place for dependent actions yet: refuse rather than drop them.
    if (dependent !== '') throw new Error(`${where}: dependent actions \`${dependent}\` need a field in the catalog format`);
    return { action, level, arns: list(resources), conditionKeys: list(keys), source, note: unescape(note) };
  });
}

/**
 * A template as a RAM pattern: placeholders and an empty region read as `*`, as
 * src/catalog/build.ts reads them (RAM's pages write a role `acs:ram:*:…`, STS's `acs:ram::…`).
 */
export function templatePattern(template) {
  return template.replace(/\{#[^}]*\}/g, '*').replace(/^(acs:[^:]*:):/, '$1*:');
}

/** The resource types of a row: `all` for `*`, else the service's types its ARNs are of. */
export function resourcesOf(row, resourceTypes) {
  if (row.arns.length === 1 && row.arns[0] === '*') return 'all';
  return row.arns.map((arn) => {
    const type = Object.entries(resourceTypes).find(([, t]) => templatePattern(t.arn) === templatePattern(arn));
    if (!type) throw new Error(`${row.action}: no resource type of the service has the documented ARN \`${arn}\``);
    return type[0];
  });
}

const quote = (s) => JSON.stringify(s);
const names = (items) => `[${items.join(', ')}]`;
const strings = (items) => `[${items.map(quote).join(', ')}]`;

/** One catalog entry as a one-line YAML flow mapping, in the key order of the hand-written files. */
export function entryText(entry) {
  const parts = [`access: ${entry.access}`, `resources: ${Array.isArray(entry.resources) ? names(entry.resources) : entry.resources}`];
  if (entry.conditionKeys !== undefined) parts.push(`conditionKeys: ${strings(entry.conditionKeys)}`);
  if (entry.changesPermissions) parts.push('changesPermissions: true');
  const [kind, text] = Object.entries(entry.source)[0];
  parts.push(`source: { ${kind}: ${quote(text)} }`);
  if (entry.note !== undefined && entry.note !== '') parts.push(`note: ${quote(entry.note)}`);
  return `{ ${parts.join(', ')} }`;
}

/** Same keys in any order. */
export const sameKeys = (a, b) => a.length === b.length && a.every((k) => b.includes(k));
