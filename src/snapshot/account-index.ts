/**
 * One index of an account, for everything that looks a name up in it: `policySetFor`, the audit
 * (and its what-if accounts) and the account emulator. Issue 13 §5: finding an attachment's
 * document was written four times, each scanning the lists (`find` per attachment), and the
 * emulator built its own maps.
 *
 * The index works on a parsed `AccountSnapshot` and on a snapshot as its file holds it (the
 * emulator serves that form): both have named users, groups, roles, custom policies, system
 * policies and control policies. Each map is built on first use, once per list. An index derived
 * for a changed account (`derive`) shares every map of the index it derives from: a derived
 * account keeps each item at its place (an escalation move replaces an item, or appends one), so
 * a position found in the shared map is checked against the changed list and the appended tail is
 * searched — building a 10,000-user map again for each move cost the bench account twice its time.
 *
 * Names are exact (RAM names are case-sensitive); the first item of a name wins, as `find` did.
 */
import { findSystemPolicy } from '../catalog/system-policy.js';
import type { PolicyDocument } from '../policy/types.js';
import type { AccountSnapshot, CustomPolicy } from './types.js';

interface Named {
  name: string;
}

/** The lists an account has, in either form (every list optional, as a snapshot file may leave one out). */
export interface IndexableAccount {
  users?: readonly Named[];
  groups?: readonly Named[];
  roles?: readonly Named[];
  policies?: readonly Named[];
  systemPolicies?: readonly Named[];
  resourceDirectory?: { controlPolicies?: readonly Named[] };
}

type ListName = 'users' | 'groups' | 'roles' | 'policies' | 'systemPolicies' | 'controlPolicies';
type ItemOf<A, K extends keyof A> = NonNullable<A[K]> extends readonly (infer T)[] ? T : never;
type ControlOf<A extends IndexableAccount> = NonNullable<NonNullable<A['resourceDirectory']>['controlPolicies']> extends readonly (infer T)[] ? T : never;

const EMPTY: readonly Named[] = [];

/** Name → position and item, for each list of one account. */
export class AccountIndex<A extends IndexableAccount = AccountSnapshot> {
  /** Per list, per key name: maps nested rather than keyed by a joined string, built on every lookup (a profile's top entry in the audit). */
  private readonly maps = new Map<ListName, Map<string, KeyMap>>();

  constructor(
    readonly account: A,
    /** The index of the account this one was derived from: its maps serve every list left unchanged. */
    private readonly parent?: AccountIndex<A>,
  ) {}

  /** The index of a changed copy of this account, which keeps every item at its place (items replaced or appended). */
  derive(changed: A): AccountIndex<A> {
    return new AccountIndex(changed, this);
  }

  user(name: string): ItemOf<A, 'users'> | undefined {
    return this.item('users', name) as ItemOf<A, 'users'> | undefined;
  }
  group(name: string): ItemOf<A, 'groups'> | undefined {
    return this.item('groups', name) as ItemOf<A, 'groups'> | undefined;
  }
  role(name: string): ItemOf<A, 'roles'> | undefined {
    return this.item('roles', name) as ItemOf<A, 'roles'> | undefined;
  }
  /** A custom policy. */
  policy(name: string): ItemOf<A, 'policies'> | undefined {
    return this.item('policies', name) as ItemOf<A, 'policies'> | undefined;
  }
  /** A system policy the account carries itself (it wins over the built-in catalog's). */
  systemPolicy(name: string): ItemOf<A, 'systemPolicies'> | undefined {
    return this.item('systemPolicies', name) as ItemOf<A, 'systemPolicies'> | undefined;
  }
  /** A custom control policy of the Resource Directory. */
  controlPolicy(name: string): ControlOf<A> | undefined {
    return this.item('controlPolicies', name) as ControlOf<A> | undefined;
  }

  /** The position of a named item in its list, or -1. */
  indexOf(list: ListName, name: string): number {
    return this.lookup(list, 'name', (item) => item.name, name);
  }

  /**
   * The position of the first item whose `key` is `value`, or -1: a second key of a list (a role's
   * ARN in lower case, say), mapped once like the names. `keyName` names the key function: one
   * key name, one function.
   */
  indexBy(list: ListName, keyName: string, key: (item: never) => string, value: string): number {
    return this.lookup(list, keyName, key as (item: Named) => string, value);
  }

  private item(list: ListName, name: string): Named | undefined {
    const at = this.indexOf(list, name);
    return at < 0 ? undefined : this.listOf(list)[at];
  }

  /** The position of the first item whose key is `value` in this account's list, or -1. */
  private lookup(list: ListName, keyName: string, key: (item: Named) => string, value: string): number {
    const items = this.listOf(list);
    const map = this.mapOf(list, keyName, key);
    const at = map.byKey.get(value);
    if (at !== undefined) {
      if (at < items.length && key(items[at]!) === value) return at;
      // Moved or gone, against derive's contract: map this list again rather than answer wrong.
      return map.list === items ? -1 : (this.remap(list, keyName, key).byKey.get(value) ?? -1);
    }
    // Appended after the map was made.
    for (let i = map.size; i < items.length; i++) if (key(items[i]!) === value) return i;
    return -1;
  }

  private listOf(list: ListName): readonly Named[] {
    return (list === 'controlPolicies' ? this.account.resourceDirectory?.controlPolicies : this.account[list]) ?? EMPTY;
  }

  /** The key map of a list: this index's own, else the one it derives from (shared: positions stay). */
  private mapOf(list: ListName, keyName: string, key: (item: Named) => string): KeyMap {
    const own = this.maps.get(list)?.get(keyName);
    if (own) return own;
    const found = this.parent?.mapOf(list, keyName, key);
    if (found) {
      this.keep(list, keyName, found);
      return found;
    }
    return this.remap(list, keyName, key);
  }

  private remap(list: ListName, keyName: string, key: (item: Named) => string): KeyMap {
    const items = this.listOf(list);
    const byKey = new Map<string, number>();
    items.forEach((item, i) => {
      const k = key(item);
      if (!byKey.has(k)) byKey.set(k, i);
    });
    const made = { list: items, size: items.length, byKey };
    this.keep(list, keyName, made);
    return made;
  }

  private keep(list: ListName, keyName: string, map: KeyMap): void {
    let byKeyName = this.maps.get(list);
    if (!byKeyName) this.maps.set(list, (byKeyName = new Map()));
    byKeyName.set(keyName, map);
  }
}

/** Key → first position in a list, as mapped when the list had `size` items. */
interface KeyMap {
  list: readonly Named[];
  size: number;
  byKey: Map<string, number>;
}

/** The index of a parsed snapshot. */
export type SnapshotIndex = AccountIndex<AccountSnapshot>;

/** A document an attachment puts in force, with the custom policy's version. */
export interface AttachedDocument {
  document: PolicyDocument;
  version?: string;
}

/**
 * The document an attachment puts in force: a custom policy's default version (only it is in
 * force; the others wait for escalation analysis), a system policy's document — the snapshot's own
 * copy first (A5), then the built-in catalog's — or undefined when the account defines neither.
 */
export function attachedDocument(index: SnapshotIndex, a: { policy: string; type: string }, kind: 'identity' | 'control' = 'identity'): AttachedDocument | undefined {
  if (a.type === 'Custom') {
    if (kind === 'control') {
      const control = index.controlPolicy(a.policy);
      return control ? { document: control.document } : undefined;
    }
    const custom: CustomPolicy | undefined = index.policy(a.policy);
    const version = custom?.defaultVersion;
    const document = custom?.versions.find((v) => v.id === version)?.document;
    return document ? { document, version: version! } : undefined;
  }
  return systemDocumentOf(index, a.policy, kind);
}

/** A system policy's document: the snapshot's own copy first (identity policies only), then the built-in catalog's. */
export function systemDocumentOf(index: SnapshotIndex, name: string, kind: 'identity' | 'control' = 'identity'): AttachedDocument | undefined {
  const own = kind === 'identity' ? index.systemPolicy(name) : undefined;
  if (own) return { document: own.document };
  const found = findSystemPolicy(name, kind);
  return 'policy' in found ? { document: found.policy } : undefined;
}

/** The index a caller passes, or a new one for a snapshot given alone. */
export function indexOf(from: AccountSnapshot | SnapshotIndex): SnapshotIndex {
  return from instanceof AccountIndex ? from : new AccountIndex(from);
}
