/**
 * The inverse of the version-2 JSON (json.ts), for its readers: each principal's answer with its
 * grants, paths, conditions and restrictions written out again — the answer `whoCan` gave, grants
 * grouped by resources (`grantGroupsOf`). Pure: parsed JSON in, plain data out; an id the document
 * does not define is an error (the document is not one ramguard wrote).
 */

/** A parsed version-2 document (`JSON.parse` of `--format json`). */
export type AuditJson = Record<string, unknown>;

type Obj = Record<string, unknown>;
const POINTER_KEYS: readonly string[] = ['pointer', 'attachmentPointer', 'snapshotPointer'];
const PRINCIPAL_KEYS: readonly string[] = ['principal', 'role', 'actor', 'reaches'];

/** Looks an id up in one of the document's tables. */
function lookup(json: AuditJson, table: string, id: unknown): Obj {
  const found = (json[table] as Obj | undefined)?.[String(id)];
  if (typeof id !== 'string' || found === undefined || !Object.prototype.hasOwnProperty.call(json[table], id)) throw new Error(`the audit JSON refers to \`${String(id)}\`, which its \`${table}\` does not define`);
  return found as Obj;
}

/** `value` with condition ids written out and `~` pointers under `own` (a principal's snapshot entry). */
function restore(json: AuditJson, value: unknown, own: string | undefined): unknown {
  if (Array.isArray(value)) return value.map((v) => restore(json, v, own));
  if (value === null || typeof value !== 'object') return value;
  const out: Obj = {};
  for (const [key, v] of Object.entries(value as Obj)) {
    if (key === 'condition' && typeof v === 'string' && /^c\d+$/.test(v)) {
      const c = lookup(json, 'conditions', v);
      out.residual = c.residual;
      out.condition = c.text;
    } else if (POINTER_KEYS.includes(key) && typeof v === 'string' && v.startsWith('~')) {
      if (own === undefined) throw new Error(`a relative pointer \`${v}\` for a principal the audit JSON has no pointer for`);
      out[key] = `${own}${v.slice(1)}`;
    } else if (PRINCIPAL_KEYS.includes(key)) out[key] = v;
    else out[key] = restore(json, v, own);
  }
  return out;
}

/** A path id applied to a principal: its principal step first, then its steps. */
function path(json: AuditJson, id: unknown, principal: Obj): Obj {
  const own = pointerOf(json, principal);
  const body = restore(json, lookup(json, 'paths', id), own) as Obj;
  return { ...body, steps: [{ kind: 'principal', principal }, ...(body.steps as Obj[])] };
}

function pointerOf(json: AuditJson, principal: Obj): string | undefined {
  const pointers = json.pointers as Obj | undefined;
  const ref = String(principal.ref);
  return pointers && Object.prototype.hasOwnProperty.call(pointers, ref) ? String(pointers[ref]) : undefined;
}

/** A grant entry of `principal` written out (`actions` of principal-can: one grant per action). */
function grants(json: AuditJson, entry: Obj, principal: Obj): Obj[] {
  const { actions, resources, paths, restrictions, ...rest } = entry;
  const set = lookup(json, 'resourceSets', resources);
  const own = pointerOf(json, principal);
  const grant = {
    ...(restore(json, rest, own) as Obj),
    resources: set.resources,
    instances: set.instances,
    paths: (paths as unknown[]).map((p) => path(json, p, principal)),
    restrictions: (restrictions as unknown[]).map((r) => restore(json, lookup(json, 'restrictions', r), own)),
  };
  return Array.isArray(actions) ? actions.map((action) => ({ action, ...grant })) : [grant];
}

function escalation(json: AuditJson, e: Obj): Obj {
  return {
    ...e,
    chain: (e.chain as Obj[]).map((step) => {
      const { grantedBy, ...rest } = step;
      return { ...(restore(json, rest, undefined) as Obj), grantedBy: (grantedBy as unknown[]).map((p) => path(json, p, step.actor as Obj)) };
    }),
  };
}

/** Each principal's answer of a version-2 document, written out: `{principal, decision, grants, escalations}`. */
export function expandAuditJson(json: AuditJson): { principal: Obj; decision: unknown; grants: Obj[]; escalations: Obj[] }[] {
  if (json.version !== 2) throw new Error(`not a version-2 audit JSON document (version \`${String(json.version)}\`)`);
  if (json.kind === 'principal-can') {
    const access = json.access as Obj;
    const principal = access.principal as Obj;
    return [{ principal, decision: access.decision, grants: (access.grants as Obj[]).flatMap((g) => grants(json, g, principal)), escalations: (access.escalations as Obj[]).map((e) => escalation(json, e)) }];
  }
  return (json.principals as Obj[]).map((entry) => {
    const principal = entry.principal as Obj;
    const answer = lookup(json, 'answers', entry.answer);
    if (!(answer.principals as unknown[]).includes(principal.ref)) throw new Error(`answer \`${String(entry.answer)}\` does not list \`${String(principal.ref)}\``);
    return { principal, decision: entry.decision, grants: (answer.grants as Obj[]).flatMap((g) => grants(json, g, principal)), escalations: (answer.escalations as Obj[]).map((e) => escalation(json, e)) };
  });
}
