/**
 * The Resource Manager (2020-03-31) and CAMS (2020-06-06) list actions the account emulator
 * answers, in the shapes of Alibaba's API reference. Resource Manager pages by `PageNumber` and
 * `PageSize` (1 to 100, default 10) with `TotalCount`; ListPolicyAttachments lists every
 * attachment, with `ResourceGroupId` the resource group or — for account scope — the account id,
 * and principals named `user@<alias>.onaliyun.com`, `group@group.<alias>.onaliyun.com`,
 * `role@role.<alias>.onaliyunservice.com`. The Resource Directory reads are in
 * resource-directory-actions.ts. CAMS ListInstance pages by `PageIndex`. Pure.
 */
import { CREATED, principalName, type AccountIndex } from './account-index.js';
import { numberedPage } from './paging.js';
import type { ActionResult } from './ram-actions.js';
import { answerResourceDirectory, RESOURCE_DIRECTORY_ACTIONS } from './resource-directory-actions.js';

/** Resource Manager's API version. */
export const RESOURCE_MANAGER_VERSION = '2020-03-31';

/** The Resource Manager actions the emulator answers. */
export const RESOURCE_MANAGER_ACTIONS = ['ListResourceGroups', 'ListPolicyAttachments', ...RESOURCE_DIRECTORY_ACTIONS] as const;

/** The CAMS actions the account emulator answers (the CAMS emulator answers the others). */
export const CAMS_LIST_ACTIONS = ['ListInstance'] as const;

/** Answers one Resource Manager action. */
export function answerResourceManager(index: AccountIndex, action: string, parameters: Record<string, string>): ActionResult {
  const { accountId } = index.account;
  const names = { page: 'PageNumber', size: 'PageSize' };
  if (action === 'ListResourceGroups') {
    const page = numberedPage(index.account.resourceGroups ?? [], parameters['PageNumber'], parameters['PageSize'], names);
    if ('error' in page) return page;
    const groups = page.items.map((g) => ({ Id: g.id, AccountId: accountId, Name: g.id, DisplayName: g.name ?? g.id, Status: 'OK', CreateDate: CREATED }));
    return { body: { PageNumber: page.page, PageSize: page.size, TotalCount: page.total, ResourceGroups: { ResourceGroup: groups } } };
  }
  if (action === 'ListPolicyAttachments') {
    const filter = (name: string, value: string) => parameters[name] === undefined || parameters[name] === '' || parameters[name] === value;
    const records = index.attachments
      .map((held) => ({
        AttachDate: CREATED,
        Description: held.attachment.type === 'Custom' ? (index.names.policy(held.attachment.policy)?.description ?? '') : (index.systemPolicies.get(held.attachment.policy)?.description ?? ''),
        PolicyName: held.attachment.policy,
        PolicyType: held.attachment.type,
        PrincipalName: principalName(index, held.holder),
        PrincipalType: held.holder.type,
        ResourceGroupId: held.attachment.resourceGroup ?? accountId,
      }))
      .filter((r) => filter('ResourceGroupId', r.ResourceGroupId) && filter('PolicyType', r.PolicyType) && filter('PolicyName', r.PolicyName) && filter('PrincipalType', r.PrincipalType) && filter('PrincipalName', r.PrincipalName));
    const page = numberedPage(records, parameters['PageNumber'], parameters['PageSize'], names);
    if ('error' in page) return page;
    return { body: { PageNumber: page.page, PageSize: page.size, TotalCount: page.total, PolicyAttachments: { PolicyAttachment: page.items } } };
  }
  if ((RESOURCE_DIRECTORY_ACTIONS as readonly string[]).includes(action)) return answerResourceDirectory(index, action, parameters);
  return { error: { status: 404, code: 'InvalidAction.NotFound', message: `Specified api is not found: \`${action}\`` } };
}

/** Answers CAMS ListInstance: the instances of `region` (a CAMS endpoint is regional). */
export function answerCamsList(index: AccountIndex, region: string, parameters: Record<string, string>): ActionResult {
  const instances = (index.account.resources?.camsInstances ?? []).filter((i) => i.region === region);
  const page = numberedPage(instances, parameters['PageIndex'], parameters['PageSize'], { page: 'PageIndex', size: 'PageSize' });
  if ('error' in page) return page;
  const data = page.items.map((i) => ({ InstanceId: i.id, InstanceName: i.name ?? i.id, ResourceRegionId: i.region, ResourceGroupId: i.resourceGroup ?? '', SubmitTime: '2026-01-05 08:00:00' }));
  return { body: { Code: 'OK', Message: '', AccessDeniedDetail: '', TotalCount: page.total, Data: data } };
}
