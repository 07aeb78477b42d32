/**
 * Every diagnostic code ramguard emits, in one table: its default severity, a title and a help
 * sentence (parliament's `config.yaml`, typescript-eslint's `messages`). Code raises ids from this
 * table; `DiagnosticCode` makes the compiler refuse any other, and a meta-test
 * (test/diagnostic-codes.test.ts) walks it: every code has a test that asserts it, and every lint
 * rule agrees with its row. Lint rules keep their own title and help, checked against the row.
 */
import type { Severity } from './diagnostic.js';

/** What a code means: its usual severity (lint configs and `--strict` may change it), title and help. */
export interface CodeInfo {
  severity: Severity;
  title: string;
  help: string;
  /** The lint rule of the same id, when there is one. */
  rule?: true;
}

const row = (severity: Severity, title: string, help: string, rule?: true): CodeInfo => ({ severity, title, help, ...(rule ? { rule } : {}) });

/** The table. */
export const DIAGNOSTIC_CODES = {
  // lint rules (src/lint/registry.ts): grammar, correctness, security, hygiene
  'syntax-error': row("error", "the document is not valid JSON or YAML", "fix the syntax at the position shown", true),
  'duplicate-key': row("error", "a key appears twice in one object", "RAM keeps only one of the two values: remove or merge the duplicate", true),
  'missing-element': row("error", "a required element is missing", "add the element the message names", true),
  'unknown-element': row("error", "an element RAM does not know", "remove it, or fix its spelling (element names are case-sensitive)", true),
  'unsupported-element': row("error", "an element RAM does not support (NotResource, NotPrincipal)", "rewrite the statement with `Resource` or `Principal`", true),
  'element-not-allowed': row("error", "an element not allowed in this kind of policy", "`Principal` belongs in trust policies only; trust policies have no `Resource`", true),
  'wrong-type': row("error", "an element of the wrong JSON type", "use the type the message names", true),
  'invalid-version': row("error", "`Version` is not `\"1\"`", "write `\"Version\": \"1\"`", true),
  'invalid-effect': row("error", "`Effect` is not `Allow` or `Deny`", "write `Allow` or `Deny`, with that capitalisation", true),
  'empty-array': row("error", "an array that must have items is empty", "add an item, or remove the element", true),
  'empty-element': row("error", "an object that must have members is empty", "add a member, or remove the element", true),
  'action-and-notaction': row("error", "a statement has both `Action` and `NotAction`", "split it into two statements", true),
  'invalid-action-format': row("error", "an action is not `service:Action`", "write `<service>:<ActionName>`, `<service>:*` or `*`", true),
  'trust-action': row("error", "a trust policy allows something other than `sts:AssumeRole`", "a trust policy allows exactly `sts:AssumeRole`", true),
  'unsupported-policy-variable': row("error", "a policy variable `${...}`, which RAM does not support", "write the concrete value", true),
  'unsupported-operator': row("error", "an operator RAM does not support (IfExists, Null, ForAnyValue, ARN operators)", "use one of RAM's documented operators", true),
  'unknown-operator': row("error", "a condition operator RAM does not have", "use a documented operator; names are case-sensitive", true),
  'invalid-condition-key': row("error", "a condition key is not `acs:Key` or `service:Key`", "write the key with its prefix, e.g. `acs:SourceIp`", true),
  'bool-multiple-values': row("error", "`Bool` with more than one value", "keep one value: `true` or `false`", true),
  'condition-value-type': row("error", "a condition value is not a string", "quote it: `\"true\"`, `\"10\"`", true),
  'invalid-condition-value': row("error", "a condition value is not of its operator's type", "write a number, an ISO 8601 date-time, or an IP address or CIDR, as the operator needs", true),
  'policy-too-large': row("error", "the policy is longer than RAM allows for its kind", "split it into several policies", true),
  'unknown-action': row("error", "an action its service does not have", "fix the spelling; `ramguard catalog actions <service>:*` lists the actions of a service", true),
  'unlisted-action': row("warning", "an action its service’s incomplete list lacks, close to one it has", "check the spelling against the suggestion; if the action is right, the catalog’s list for the service is incomplete", true),
  'action-matches-nothing': row("error", "a wildcard action that matches no action of its service", "fix the pattern; `ramguard catalog actions <pattern>` shows what a pattern matches", true),
  'resource-not-acs': row("error", "a Resource that is not an ARN (`acs:...`) or `*`", "write the ARN, `acs:<service>:<region>:<account>:<relative-id>` (lower-case `acs:`), or `*`", true),
  'malformed-arn': row("error", "an ARN without its five parts `acs:<service>:<region>:<account>:<relative-id>`", "write `acs:<service>:<region>:<account>:<relative-id>`, with `*` for any region or account (e.g. `acs:cams:*:*:instance/*`)", true),
  'resource-type-mismatch': row("error", "a Resource that is none of the resource types the statement’s actions act on", "write an ARN of the type the actions act on (`ramguard catalog show <action>` shows it), or move the resource to a statement of its own actions", true),
  'resource-of-another-service': row("error", "a Resource of a service none of the statement’s actions acts on", "write a resource of the actions’ own service, or move the resource to a statement with the actions of its service", true),
  'operator-key-type-mismatch': row("error", "a condition operator of another type than its key", "use an operator of the key's type (`ramguard catalog keys` lists the types)", true),
  'unknown-acs-key': row("error", "an `acs:` condition key RAM does not have", "use one of the common keys (`ramguard catalog keys` lists them)", true),
  'foreign-condition-key': row("error", "a condition key of another cloud (`aws:…`), which no RAM request carries", "use the `acs:` key of the same meaning (`ramguard catalog keys` lists them), or remove the condition", true),
  'allow-star-on-star': row("security-warning", "Allow `*` on `*` grants administrator access", "list the actions and resources the principal needs; attach `AdministratorAccess` knowingly if it really needs all", true),
  'allow-service-on-star': row("security-warning", "Allow `<service>:*` on `*` grants every action of a service on every resource", "list the actions the principal needs, or narrow `Resource` to the resources it works on", true),
  'service-wildcard-resource': row("security-warning", "Allow `<service>:*` on every resource of that service (`acs:<service>:*:*:*`), which is `*` for it", "list the actions the principal needs, or name the resources it works on (for example `instance/<id>`)", true),
  'allow-notaction': row("security-warning", "Allow with `NotAction` grants everything except the listed actions", "list the actions to allow in `Action`; keep `NotAction` for `Deny` statements", true),
  'escalation-actions-on-broad-resources': row("security-warning", "actions that can grant permissions, allowed on every user, role, group or policy", "allow permission-changing actions only on the users, roles, groups and policies named in `Resource`, or not at all", true),
  'assume-role-on-star': row("security-warning", "Allow `sts:AssumeRole` on every role", "name the roles the principal may assume in `Resource`, e.g. `acs:ram::1234567890123456:role/deployer`", true),
  'trust-foreign-root-without-condition': row("security-warning", "a trust policy trusts a whole account with no condition", "name the user or role that may assume the role (`acs:ram::<uid>:role/<name>`), or add a condition such as `IpAddress` on `acs:SourceIp`", true),
  'unknown-service': row("suggestion", "a service ramguard’s catalog does not know: its actions are not checked", "check the service code; to have its actions checked, describe the service in a file and pass `--catalog DIR`", true),
  'dead-allow': row("warning", "an Allow that a Deny in the same policy always overrides", "remove the Allow, or narrow the Deny (or give it a condition) if the Allow was meant to take effect", true),
  'impossible-condition': row("warning", "conditions on one key that can never hold together", "fix the values (a swapped date range, a typo), or remove the statement: as written it never applies", true),
  'wildcard-in-equals': row("warning", "a wildcard in a value of an Equals string operator, which matches it literally", "use `StringLike` (or `StringNotLike`) for a pattern; keep the Equals operator only if the value really contains `*` or `?`", true),
  'private-ip-in-source-ip': row("warning", "`acs:SourceIp` compared with a private or special address", "list the public addresses your requests leave from (your NAT gateway or egress IPs); to limit requests to a VPC, use `acs:SourceVpc`", true),
  'deny-on-absent-key': row("warning", "a Deny that does not apply when its condition key is absent", "require the key in the Allow instead (e.g. Allow only with `Bool` `acs:MFAPresent` `true`), or write the Deny with a negated operator, which holds when the key is absent", true),
  'redundant-action': row("suggestion", "an action that another action of the same statement already covers", "remove the covered action", true),
  'redundant-resource': row("suggestion", "a resource that another resource of the same statement already covers", "remove the covered resource", true),
  'covered-statement': row("suggestion", "a statement that another statement of the same effect already covers", "remove the covered statement, or merge the two", true),
  'duplicate-sid': row("suggestion", "two statements with the same `Sid`", "give each statement its own `Sid`, so that explanations and reviews can name it", true),
  'non-canonical-action-case': row("suggestion", "an action not spelled as its API spells it", "write the action as the API spells it", true),
  // reading, requests, snapshots, audit, analysis
  'invalid-argument': row("error", "an argument or option of the command is wrong", "see `ramguard <command> --help`"),
  'missing-option': row("error", "a required option is missing", "see `ramguard <command> --help`"),
  'unreadable-file': row("error", "a file cannot be read", "check the path, and that it is a regular file"),
  'unwritable-file': row("error", "an output file cannot be written", "name a file in an existing directory that is not an input of the run"),
  'path-outside-tree': row("error", "a file reference points outside the directory ramguard runs in", "keep references inside the tree, or widen it with `--allow-path DIR`"),
  'input-too-large': row("error", "an input is larger than ramguard reads", "check that this is the right file"),
  'unreadable-revision': row("error", "a git `REV:PATH` cannot be read", "give a file, or `REVISION:PATH` inside a git repository"),
  'cannot-listen': row("error", "an emulator cannot listen on the port", "choose another `--port`, or `--port 0` for any free one"),
  'not-in-catalog': row("error", "a name is not in the service catalog", "see `ramguard catalog services` and `ramguard catalog actions`"),
  'too-deep': row("error", "a document nests deeper than ramguard reads", "a RAM policy nests 6 levels deep; check that this is the right file"),
  'too-many-aliases': row("error", "YAML aliases expand the document too far", "write the document out without anchors and aliases"),
  'too-many-requests': row("error", "a requests file holds more requests than one run evaluates", "split the file"),
  'recursive-alias': row("error", "a YAML alias refers to the node that contains it", "write the document out without anchors and aliases"),
  'too-many-diagnostics': row("error", "a file has more problems than are shown", "fix the ones shown; the count says how many more there are"),
  'invalid-element': row("error", "an element of a scenario, snapshot or configuration is wrong", "see the format documentation in docs/"),
  'invalid-value': row("error", "a value of a scenario, snapshot or configuration is wrong", "see the format documentation in docs/"),
  'policy-source': row("error", "a policy reference names no source or several", "give exactly one of `document`, `file` or `system`"),
  'unknown-system-policy': row("error", "a system policy name is not in the catalog", "see `ramguard catalog policy NAME`"),
  'unknown-rule': row("error", "a lint configuration names a rule that does not exist", "see `ramguard lint --list-rules`"),
  'invalid-fault': row("error", "an emulator fault is wrong", "see docs/emulator.md"),
  'invalid-action': row("error", "the request's action is not a RAM action name", "retype the action name as `service:Action`"),
  'resource-not-arn': row("warning", "the request's resource is not an ARN", "policies match the whole ARN, e.g. `acs:cams:ap-southeast-1:1234567890123456:instance/ins-1`"),
  'invalid-request-value': row("error", "a context value is not of its key's type", "give the value in the key's format"),
  'conflicting-context': row("error", "a context key is both given and declared absent", "give the key, or declare it absent, not both"),
  'missing-principal-arn': row("warning", "a trust policy is consulted without the caller's ARN", "give `--principal-arn`"),
  'invalid-principal': row("error", "a principal reference is not `user/NAME` or `role/NAME`", "e.g. `user/alice`"),
  'missing-parameter': row("error", "a required API parameter is missing", "give it with its flag"),
  'invalid-parameter': row("error", "an API parameter has the wrong type or format", "see the API reference"),
  'unknown-parameter': row("error", "a parameter the API does not have", "see the API reference"),
  'snapshot-incomplete': row("warning", "the snapshot lacks parts of the account", "collect again once the calls succeed"),
  'unknown-principal': row("error", "a principal is not in the snapshot", "check the name; the message suggests close ones"),
  'unknown-group': row("error", "a group is not in the snapshot", "check the name"),
  'unknown-policy': row("error", "a policy is not in the snapshot", "check the name and type"),
  'unknown-version': row("error", "a policy version is not in the snapshot", "check the version id"),
  'unknown-resource-group': row("error", "a resource group is not in the snapshot", "check the id"),
  'unknown-resource-type': row("error", "a resource type is not in the catalog", "see `ramguard catalog show ACTION`"),
  'duplicate-name': row("error", "two entries of a snapshot have the same name", "names are unique per kind"),
  'duplicate-id': row("error", "two entries have the same id", "ids are unique"),
  'duplicate-attachment': row("error", "a policy is attached twice to the same principal and scope", "remove the duplicate"),
  'attachment-type-mismatch': row("error", "an attachment names a policy of another type", "System or Custom, as the policy is"),
  'too-many-versions': row("error", "a policy has more versions than RAM keeps", "RAM keeps at most 5 versions"),
  'empty-inventory': row("error", "the snapshot has no instances to audit", "collect with `--include cams-instances`, or give `--resource`"),
  'answer-too-large': row("error", "the answer is too large to print", "narrow the question, or lower `--max-paths`"),
  'paths-cut': row("warning", "the audit stopped listing paths through roles at its budget", "ask for fewer paths (`--max-paths`, 10 by default), or narrow the question; decisions and conditions are complete"),
  'analysis-limit': row("error", "the exact analysis stopped at a budget", "narrow the question (`--scope`), or review by hand"),
  'analysis-inexact-key': row("error", "a key tested both as a string and as a typed value could not be decided", "review the conditions on that key"),
  'analysis-unmodelled-principal': row("warning", "a Service or Federated principal is compared as written", "review the change to that principal by hand"),
  'witness-not-confirmed': row("error", "a witness request was not confirmed by the evaluator", "report it: the analysis and the evaluator disagree"),
  'new-access': row("security-warning", "the policy change grants access the base policy does not", "look at the witness request"),
  'access-granted': row("security-warning", "the policy can allow an action it must not", "look at the witness request"),
  'collect-failed': row("error", "nothing could be collected", "check the endpoints and the credentials"),
} as const satisfies Record<string, CodeInfo>;

/** A code of the table: the only kind `Diagnostic.code` takes. */
export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

/** The row of `code` (own keys only), or undefined for a string that is not a code. */
export function codeInfo(code: string): CodeInfo | undefined {
  return Object.hasOwn(DIAGNOSTIC_CODES, code) ? DIAGNOSTIC_CODES[code as DiagnosticCode] : undefined;
}
