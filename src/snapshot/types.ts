/**
 * An account snapshot: the account as RAM sees it — its place in the Resource Directory, its
 * custom policies with every version, its users, groups and roles with what is attached to them
 * and at which scope, and optionally an inventory of resources. Plain data, validated by
 * `parseSnapshot`; `policySetFor` turns one principal of it into the PolicySet the evaluator takes.
 */
import type { PolicyDocument } from '../policy/types.js';

/** A RAM policy's type, as RAM's APIs spell it (`PolicyType`). */
export type PolicyType = 'Custom' | 'System';

/** Both policy types, for schemas and messages. */
export const POLICY_TYPES: readonly PolicyType[] = ['Custom', 'System'];

/** A policy attached to a user, group or role. */
export interface Attachment {
  /** The policy's name: a custom policy of the snapshot, or a system policy. */
  policy: string;
  type: PolicyType;
  /** The resource group the attachment is scoped to; undefined = the whole account. */
  resourceGroup?: string;
}

/** A control policy attached to one Resource Directory level (no resource-group scope exists there). */
export interface ControlAttachment {
  policy: string;
  type: PolicyType;
}

/** One version of a custom policy. RAM keeps up to five; only the default one is in force. */
export interface PolicyVersion {
  /** `v1`, `v2`, ... as RAM numbers them. */
  id: string;
  document: PolicyDocument;
}

/** A custom RAM policy with every version (escalation analysis needs the ones not in force too). */
export interface CustomPolicy {
  name: string;
  description?: string;
  /** The id of the version in force; always one of `versions`. */
  defaultVersion: string;
  versions: PolicyVersion[];
}

/** A system policy the snapshot carries itself (it wins over the built-in catalog's). */
export interface SnapshotSystemPolicy {
  name: string;
  description?: string;
  document: PolicyDocument;
}

/** A Resource Directory control policy the directory defines (custom control policies). */
export interface ControlPolicy {
  name: string;
  description?: string;
  document: PolicyDocument;
}

/** One level of the Resource Directory path: the Root folder, a folder, or the account itself. */
export interface DirectoryLevel {
  name: string;
  /** The folder or account id (`r-...`, `fd-...`, the account id), when recorded. */
  id?: string;
  controlPolicies: ControlAttachment[];
}

/** Where the account sits in a Resource Directory. */
export interface ResourceDirectory {
  /** Custom control policies the levels refer to by name. */
  controlPolicies: ControlPolicy[];
  /** Root folder first, down to the account itself. */
  path: DirectoryLevel[];
}

/** An AccessKey of a user (never its secret). */
export interface AccessKey {
  id: string;
  status: 'Active' | 'Inactive';
}

/** A RAM user. Optional facts are undefined when the snapshot does not record them. */
export interface SnapshotUser {
  name: string;
  displayName?: string;
  /** The groups the user is in, by name. */
  groups: string[];
  attachments: Attachment[];
  accessKeys?: AccessKey[];
  /** Whether the user can sign in to the console. */
  loginProfile?: boolean;
  /** Whether an MFA device is bound. */
  mfaBound?: boolean;
}

/** A RAM user group. Groups are not principals: their policies act through their users. */
export interface SnapshotGroup {
  name: string;
  description?: string;
  attachments: Attachment[];
}

/** A RAM role. */
export interface SnapshotRole {
  name: string;
  description?: string;
  /** The role's ARN as RAM reports it (GetRole `Arn`); see `roleArn` for the default. */
  arn?: string;
  /** Who may assume the role (`sts:AssumeRole`). */
  trustPolicy: PolicyDocument;
  /** Seconds, 3600 to 43200. */
  maxSessionDuration?: number;
  /**
   * A service-linked role (RAM's `IsServiceLinkedRole`): created and used by a cloud service;
   * Resource Directory control policies do not apply to it (W20). Undefined = not recorded (false).
   */
  serviceLinked?: boolean;
  attachments: Attachment[];
}

/** A resource group of the account. */
export interface ResourceGroup {
  id: string;
  name?: string;
}

/** A CAMS instance of the inventory. */
export interface CamsInstance {
  id: string;
  name?: string;
  region: string;
  /** Undefined = not recorded (every Alibaba resource is in some resource group). */
  resourceGroup?: string;
  /** Undefined = not recorded; `{}` = the instance has no tags. */
  tags?: Record<string, string>;
}

/** The resources the snapshot lists. */
export interface ResourceInventory {
  camsInstances: CamsInstance[];
}

/** One call `ramguard collect` could not complete: what it asked, what came back, what is missing. */
export interface CollectionGap {
  /** The API: `ram`, `resourcemanager` or `cams`. */
  service: string;
  action: string;
  /** The parameters that identify the call (e.g. `UserName`); never a credential. */
  parameters: Record<string, string>;
  /** The service's error code (`Forbidden.RAM`, `Throttling.User`, `ECONNREFUSED`, ...). */
  code?: string;
  message: string;
  requestId?: string;
  /** What the snapshot lacks because of it, in words. */
  missing: string;
  /** JSON Pointer of the snapshot element left incomplete, when there is one. */
  path?: string;
}

/** How a collected snapshot was read, and what it lacks. */
export interface CollectionInfo {
  /** The tool and version that collected it, e.g. `ramguard 0.1.0`. */
  tool?: string;
  /** Every call that failed after its retries; empty = everything collect reads was read. */
  gaps: CollectionGap[];
  /** Parts of the snapshot collect does not read at all: left out means unknown, not none. */
  notCollected?: string[];
}

/** The whole account. */
export interface AccountSnapshot {
  accountId: string;
  /** When the snapshot was taken (ISO 8601), if recorded. */
  collectedAt?: string;
  /** Undefined: the account is in no Resource Directory (no control policies apply). */
  resourceDirectory?: ResourceDirectory;
  policies: CustomPolicy[];
  systemPolicies: SnapshotSystemPolicy[];
  users: SnapshotUser[];
  groups: SnapshotGroup[];
  roles: SnapshotRole[];
  /** Undefined: the snapshot does not list resource groups, so their ids are not checked. */
  resourceGroups?: ResourceGroup[];
  resources: ResourceInventory;
  /** Set by `ramguard collect`: what could not be read. Undefined for a snapshot written by hand. */
  collection?: CollectionInfo;
}
