/**
 * The cloud services ramguard knows a RAM role can be passed to (`ram:PassRole`), with the
 * service's own action that hands the role over. The service catalog (catalog/services/*.yaml)
 * holds CAMS, RAM and STS only, and none of them takes a role: CAMS's documentation names no
 * service role (shared/reference/cams-authorization-sources.md), so this small table holds the
 * services whose RAM documentation says outright that passing a role needs `ram:PassRole`.
 *
 * A role is a service role of a row when its trust policy has an Allow statement for
 * `sts:AssumeRole` whose `Service` principal is the row's `service` (W32 of docs/semantics.md).
 * Service-linked roles (marked `serviceLinked`, or named `AliyunServiceRoleFor...`) are created and
 * used by the service itself and cannot be passed: they are never service roles here.
 */

/** One service a role can be passed to. */
export interface ServiceRoleRow {
  /** The service principal a role's trust policy names, e.g. `ecs.aliyuncs.com`; also the `acs:Service` value of the `ram:PassRole` request. */
  service: string;
  /** The service's name, for people. */
  name: string;
  /** The service's action that hands the role over (it needs `ram:PassRole` on the role too). */
  action: string;
  /** The resources `action` is checked on, as the catalog writes ARNs; `{#accountId}` and `{#RoleName}` are filled in, `*` stands for a resource the principal creates. */
  resources: readonly string[];
  /** How the principal then acts with the role's permissions. */
  how: string;
  /** Where Alibaba says so. */
  source: { documented: string } | { inferred: string };
}

/** The services ramguard passes roles to, in the order a pass-role move tries them. */
export const SERVICE_ROLES: readonly ServiceRoleRow[] = [
  {
    service: 'ecs.aliyuncs.com',
    name: 'Elastic Compute Service',
    action: 'ecs:AttachInstanceRamRole',
    resources: ['acs:ecs:*:{#accountId}:instance/*', 'acs:ram:*:{#accountId}:role/{#RoleName}'],
    how: 'an instance with the role attached serves its STS credentials to the code that runs on it',
    source: { documented: 'https://help.aliyun.com/document_detail/54244.html' },
  },
  {
    service: 'fc.aliyuncs.com',
    name: 'Function Compute',
    action: 'fc:CreateFunction',
    resources: ['acs:fc:*:{#accountId}:functions/*'],
    how: 'a function created with the role runs with its STS credentials',
    source: { inferred: 'AliyunFCFullAccess allows `ram:PassRole` with `acs:Service` = `fc.aliyuncs.com` next to `fc:*` (https://www.alibabacloud.com/help/en/ram/developer-reference/aliyunfcfullaccess); the function ARN form is read from the FC 3.0 RAM authorization page' },
  },
];

/** The prefix of Alibaba's service-linked roles, which no principal can pass. */
export const SERVICE_LINKED_PREFIX = 'AliyunServiceRoleFor';
