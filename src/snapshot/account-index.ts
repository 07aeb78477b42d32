/**
 * One index of an account, for everything that looks a name up in it: `policySetFor`, the audit
 * (and its what-if accounts) and the account emulator. Issue 13 §5: finding an attachment's
 * document was written four times, each scanning the lists (`find` per attachment), and the
 * emulator built its own maps.
 *
 * The index works on a parsed `AccountSnapshot` and on a snapshot as its file holds it (the
 * emulator serves that form): both have named users, groups, roles, custom policies, system
 * policies and control policies. Each map is built on first use, once per list: an index derived
 * for a changed account (`derive`) shares the maps of every list the change left as it was — an
 * escalation move that rewrites one role's trust policy rebuilds the roles' map only.
 *
 * Names are exact (RAM names are case-sensitive); the first item of a name wins, as `find` did.
 */
import { findSystemPolicy } from '../scenario/load-policies.js';
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
  private readonly maps = new Map<string, { list: readonly Named[]; byName: Map<string, number> }>();

  constructor(
    readonly account: A,
    /** The index of the account this one was derived from: its maps serve every list left unchanged. */
    private readonly parent?: AccountIndex<A>,
  ) {}

  /** The index of a changed copy of this account (lists it shares keep their maps). */
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
    return this.mapOf(list).byName.get(name) ?? -1;
  }

  /**
   * The position of the first item whose `key` is `value`, or -1: a second key of a list (a role's
   * ARN in lower case, say), mapped once like the names. `keyName` names the key function: one
   * key name, one function.
   */
  indexBy(list: ListName, keyName: string, key: (item: never) => string, value: string): number {
    return this.mapOf(list, keyName, key as (item: Named) => string).byName.get(value) ?? -1;
  }

  private item(list: ListName, name: string): Named | undefined {
    const { list: items, byName } = this.mapOf(list);
    const at = byName.get(name);
    return at === undefined ? undefined : items[at];
  }

  private listOf(list: ListName): readonly Named[] {
    return (list === 'controlPolicies' ? this.account.resourceDirectory?.controlPolicies : this.account[list]) ?? EMPTY;
  }

  private mapOf(list: ListName, keyName = 'name', key: (item: Named) => string = (item) => item.name): { list: readonly Named[]; byName: Map<string, number> } {
    const id = `${list}|${keyName}`;
    let found = this.maps.get(id);
    if (found) return found;
    const items = this.listOf(list);
    if (this.parent && this.parent.listOf(list) === items) found = this.parent.mapOf(list, keyName, key);
    else {
      const byName = new Map<string, number>();
      items.forEach((item, i) => {
        const k = key(item);
        if (!byName.has(k)) byName.set(k, i);
      });
      found = { list: items, byName };
    }
    this.maps.set(id, found);
    return found;
  }
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
