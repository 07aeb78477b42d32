/**
 * The matching half of the naive reference evaluator: wildcards, actions, trust principals and
 * condition clauses over KNOWN request values. Written from docs/semantics.md alone, sharing no code
 * with src/, and deliberately simple (regexes, `Number`, `Date.parse`, a hand-rolled IPv4 parser)
 * so that a disagreement with the real evaluator points at one of the two readings of the spec.
 */

/**
 * M1: `*` = any run of characters (including none, `:` and `/`), `?` = exactly one, all else
 * literal. A regex is fine here: reference patterns are tiny, and the linear-time requirement
 * binds the real matcher, not this oracle.
 */
export function naiveWildcard(pattern: string, input: string): boolean {
  const body = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`, 's').test(input);
}

/** M2: actions compare case-insensitively on both sides. */
export function naiveActionMatch(pattern: string, action: string): boolean {
  return naiveWildcard(pattern.toLowerCase(), action.toLowerCase());
}

/**
 * M7: a trust policy `Principal.RAM` entry is a glob over the caller's ARN; additionally
 * `acs:ram::<uid>:root` covers every user, role session and the root of `<uid>`, and
 * `acs:ram::<uid>:role/<name>` covers that role's sessions. Service/Federated never match.
 */
export function naivePrincipalMatch(principal: unknown, callerArn: string | undefined): boolean {
  if (callerArn === undefined || typeof principal !== 'object' || principal === null) return false;
  const ram = (principal as Record<string, unknown>)['RAM'];
  const entries = typeof ram === 'string' ? [ram] : Array.isArray(ram) ? (ram as string[]) : [];
  return entries.some((entry) => {
    if (naiveWildcard(entry, callerArn)) return true;
    const root = /^acs:ram::([^:]+):root$/.exec(entry);
    if (root) {
      const uid = root[1] ?? '';
      return [`acs:ram::${uid}:user/`, `acs:sts::${uid}:assumed-role/`].some((p) => callerArn.startsWith(p)) || callerArn === entry;
    }
    const role = /^acs:ram::([^:]+):role\/(.+)$/.exec(entry);
    return role !== null && callerArn.startsWith(`acs:sts::${role[1] ?? ''}:assumed-role/${role[2] ?? ''}/`);
  });
}

/** The negated operators and the positive twin each one negates (C2, C5). */
const NEGATED: Record<string, string> = {
  StringNotEquals: 'StringEquals',
  StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase',
  StringNotLike: 'StringLike',
  NumericNotEquals: 'NumericEquals',
  DateNotEquals: 'DateEquals',
  NotIpAddress: 'IpAddress',
};

/** True for the six negated operators. */
export function isNegated(operator: string): boolean {
  return operator in NEGATED;
}

/**
 * One clause over a key the request supplies (`values`) or declares absent (`'absent'`).
 * C3: absent → positive false, negated true. C5: positive = some request value matches some
 * policy value; negated = not its positive twin.
 */
export function naiveClause(operator: string, policyValues: string[], request: string[] | 'absent'): boolean {
  const positive = NEGATED[operator] ?? operator;
  if (request === 'absent') return isNegated(operator);
  const any = request.some((r) => policyValues.some((p) => valueMatches(positive, p, r)));
  return isNegated(operator) ? !any : any;
}

function valueMatches(operator: string, policy: string, request: string): boolean {
  switch (operator) {
    case 'StringEquals':
      return request === policy;
    case 'StringEqualsIgnoreCase':
      return request.toLowerCase() === policy.toLowerCase();
    case 'StringLike':
      return naiveWildcard(policy, request);
    case 'Bool':
      return request.toLowerCase() === policy; // C8: request side is case-insensitive
    case 'IpAddress':
      return ipv4InRange(request, policy);
  }
  const family = operator.startsWith('Numeric') ? 'Numeric' : operator.startsWith('Date') ? 'Date' : undefined;
  if (family === undefined) throw new Error(`naive: unknown operator ${operator}`);
  const read = family === 'Numeric' ? readNumber : readDate;
  const [r, p] = [read(request), read(policy)];
  switch (operator.slice(family.length)) {
    case 'Equals':
      return r === p;
    case 'LessThan':
      return r < p;
    case 'LessThanEquals':
      return r <= p;
    case 'GreaterThan':
      return r > p;
    case 'GreaterThanEquals':
      return r >= p;
  }
  throw new Error(`naive: unknown operator ${operator}`);
}

function readNumber(text: string): number {
  if (!/^[+-]?\d+(\.\d+)?$/.test(text)) throw new Error(`naive: not a decimal number: ${text}`);
  return Number(text);
}

function readDate(text: string): number {
  if (!/T.*(Z|[+-]\d\d:\d\d)$/.test(text)) throw new Error(`naive: not a zoned date-time: ${text}`);
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) throw new Error(`naive: not a date: ${text}`);
  return ms;
}

/** IPv4 only: the reference universe never generates IPv6, and a throw beats a silent guess. */
function ipv4InRange(address: string, range: string): boolean {
  const [net, prefixText] = range.split('/');
  const prefix = prefixText === undefined ? 32 : Number(prefixText);
  const a = readIpv4(address);
  const n = readIpv4(net ?? '');
  if (prefix === 0) return true; // `x >>> 32` is `x` in JavaScript, so /0 needs its own case
  return a >>> (32 - prefix) === n >>> (32 - prefix);
}

/** C7: the common keys with a type; any other key may hold any string. */
const TYPED: Record<string, 'ip' | 'date' | 'bool'> = { 'acs:sourceip': 'ip', 'acs:currenttime': 'date', 'acs:securetransport': 'bool', 'acs:mfapresent': 'bool' };

/** Whether `text` is a value of the type, as S7, S9 and C8 describe it. */
function isOfType(type: 'ip' | 'date' | 'bool', text: string): boolean {
  if (type === 'bool') return ['true', 'false'].includes(text.toLowerCase());
  if (type === 'date') return /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,9})?)?(Z|[+-]\d\d:?\d\d)$/.test(text) && !Number.isNaN(Date.parse(text));
  if (text.includes(':')) throw new Error(`naive: IPv6 is outside the reference universe: ${text}`);
  const m = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/.exec(text);
  return m !== null && m.slice(1).every((octet) => Number(octet) <= 255);
}

/**
 * C11: when a typed key is unknown, a string clause none of whose values any value of the type
 * can meet is decided — false, or true when negated; undefined when it stays unknown. Exact for
 * Equals, EqualsIgnoreCase and booleans; a date or IP pattern with a wildcard is unmeetable only
 * when it has a character no such value has, or needs more (or, without `*`, fewer) characters.
 */
export function naiveTypedStringClause(operator: string, key: string, policyValues: string[]): boolean | undefined {
  const type = TYPED[key.toLowerCase()];
  const positive = NEGATED[operator] ?? operator;
  if (type === undefined || !positive.startsWith('String')) return undefined;
  const canMeet = (value: string): boolean => {
    if (positive === 'StringEqualsIgnoreCase') return isOfType(type, value.toLowerCase()) || isOfType(type, value.toUpperCase());
    if (positive === 'StringEquals' || !/[*?]/.test(value)) return isOfType(type, value);
    if (type === 'bool') return ['true', 'false'].some((w) => spellings(w).some((v) => naiveWildcard(value, v)));
    const characters = type === 'date' ? '0123456789-+:.TZ' : '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.:%';
    const needed = [...value].filter((c) => c !== '*');
    if (needed.some((c) => c !== '?' && !characters.includes(c))) return false;
    const [min, max] = type === 'date' ? [17, 35] : [2, Infinity];
    return needed.length <= max && (value.includes('*') || needed.length >= min);
  };
  if (policyValues.some(canMeet)) return undefined;
  return isNegated(operator);
}

/** Every upper/lower-case spelling of a word. */
function spellings(word: string): string[] {
  return [...word].reduce<string[]>((out, c) => out.flatMap((p) => [p + c.toLowerCase(), p + c.toUpperCase()]), ['']);
}

function readIpv4(text: string): number {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) throw new Error(`naive: not an IPv4 address: ${text}`);
  return m.slice(1).reduce((acc, octet) => acc * 256 + Number(octet), 0);
}
