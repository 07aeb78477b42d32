// The access level an API name's verb suggests, for actions harvested from SDK packages, which
// state no level. Always written as `inferred` with the rule, never as documented. Where a verb
// does not tell one level of the current vocabulary from another (Describe names both one
// resource's attributes and lists of them; Put creates or replaces), the older, wider word is
// used (Read: get or list; Write: create, update or delete): src/catalog/access.ts compares by
// meaning. A verb not listed gives `unknown`. Rules: docs/catalog.md, "SDK harvest".

/** [verb, level], tried in order; a verb matches when the next character is upper case, a digit or the end. */
export const SDK_VERB_RULES = [
  // reading
  ['Describe', 'Read'], ['Query', 'Read'], ['Check', 'Read'], ['Search', 'Read'], ['Preview', 'Read'], ['Head', 'get'],
  ['Get', 'get'], ['List', 'list'], ['BatchGet', 'Read'],
  // creating
  ['Create', 'create'], ['Add', 'create'], ['Allocate', 'create'], ['Run', 'create'], ['Import', 'create'],
  ['Generate', 'create'], ['Copy', 'create'], ['Clone', 'create'], ['Purchase', 'create'], ['Initiate', 'create'],
  // deleting
  ['Delete', 'delete'], ['Remove', 'delete'], ['Release', 'delete'], ['BatchDelete', 'delete'],
  // changing (tags change a resource, whatever the verb before them)
  ['AddTags', 'update'], ['RemoveTags', 'update'], ['DeleteTags', 'update'],
  ['Modify', 'update'], ['Update', 'update'], ['Set', 'update'], ['Attach', 'update'], ['Detach', 'update'],
  ['Associate', 'update'], ['Unassociate', 'update'], ['Bind', 'update'], ['Unbind', 'update'], ['Enable', 'update'],
  ['Disable', 'update'], ['Start', 'update'], ['Stop', 'update'], ['Reboot', 'update'], ['Restart', 'update'],
  ['Reset', 'update'], ['Resize', 'update'], ['Renew', 'update'], ['Cancel', 'update'], ['Move', 'update'],
  ['Join', 'update'], ['Leave', 'update'], ['Change', 'update'], ['Tag', 'update'], ['Untag', 'update'],
  ['Assign', 'update'], ['Unassign', 'update'], ['Install', 'update'], ['Uninstall', 'update'], ['Upgrade', 'update'],
  ['Downgrade', 'update'], ['Activate', 'update'], ['Deactivate', 'update'], ['Switch', 'update'], ['Restore', 'update'],
  ['Rollback', 'update'], ['Replace', 'update'], ['Migrate', 'update'], ['Apply', 'update'], ['Open', 'update'],
  ['Close', 'update'], ['Put', 'Write'], ['Upload', 'Write'], ['Append', 'Write'], ['BatchWrite', 'Write'],
];

const COMPILED = SDK_VERB_RULES.map(([verb, level]) => [verb, level, new RegExp(`^${verb}(?=[A-Z0-9]|$)`)]);

/** The rule's level for an API name, with the rule as text (`Describe → Read`), or `unknown`. */
export function sdkVerbLevel(name) {
  // The longest matching verb wins: AddTags over Add, BatchDelete over no rule.
  let best;
  for (const rule of COMPILED) if (rule[2].test(name) && (!best || rule[0].length > best[0].length)) best = rule;
  return best ? { access: best[1], rule: `access level from the verb: ${best[0]} → ${best[1]}` } : { access: 'unknown', rule: 'no verb rule matches the API name: access level unknown' };
}
