/**
 * The emulator configuration the emulator tests share: one account, keys whose policies allow,
 * deny implicitly, deny explicitly, allow only in a resource group, and an STS key; two instances.
 * Every secret and token is a distinctive string that tests search every output for.
 */
import { parseEmulatorConfig, type EmulatorConfig } from '../../src/emulator/index.js';

export const ACCOUNT = '1234567890123456';
export const REGION = 'ap-southeast-1';

/** AccessKeys by role; each secret and token is unique so a leak is found by plain search. */
export const KEYS = {
  alice: { accessKeyId: 'LTAI5tAliceTest', accessKeySecret: 'alice-SECRET-7f1c/never+logged' },
  bob: { accessKeyId: 'LTAI5tBobTest', accessKeySecret: 'bob-SECRET-2b9e-never-logged' },
  carol: { accessKeyId: 'LTAI5tCarolTest', accessKeySecret: 'carol-SECRET-44aa-never-logged' },
  dave: { accessKeyId: 'LTAI5tDaveTest', accessKeySecret: 'dave-SECRET-90d1-never-logged' },
  erin: { accessKeyId: 'LTAI5tErinTest', accessKeySecret: 'erin-SECRET-c3c3-never-logged' },
  sts: { accessKeyId: 'STS.NTestDeployerKey', accessKeySecret: 'sts-SECRET-5e5e-never-logged', securityToken: 'CAIS-TOKEN-0a0a-never-logged' },
} as const;

/** Every secret and token of KEYS. */
export const SECRETS: string[] = Object.values(KEYS).flatMap((k) => [k.accessKeySecret, ...('securityToken' in k ? [k.securityToken] : [])]);

const allow = (actions: string[], resource = `acs:cams:${REGION}:${ACCOUNT}:instance/*`, extra = '') =>
  `{ Version: "1", Statement: [{ Effect: Allow, Action: [${actions.join(', ')}], Resource: "${resource}"${extra} }] }`;

/** The shared configuration text (YAML); `faults` is appended as given. */
export function configText(faults = ''): string {
  return `accountId: "${ACCOUNT}"
region: ${REGION}
accessKeys:
  - id: ${KEYS.alice.accessKeyId}
    secret: ${KEYS.alice.accessKeySecret}
    principal: { type: RamUser, arn: "acs:ram::${ACCOUNT}:user/alice" }
    policies:
      identity:
        - name: operator-from-loopback
          document: ${allow(['cams:UpdateInstance', 'cams:QueryInstance'], undefined, ', Condition: { IpAddress: { acs:SourceIp: "127.0.0.0/8" } }')}
  - id: ${KEYS.bob.accessKeyId}
    secret: ${KEYS.bob.accessKeySecret}
    principal: { type: RamUser, arn: "acs:ram::${ACCOUNT}:user/bob" }
    policies:
      identity:
        - { name: read-only, system: AliyunCamsReadOnlyAccess }
  - id: ${KEYS.carol.accessKeyId}
    secret: ${KEYS.carol.accessKeySecret}
    principal: { type: RamUser, arn: "acs:ram::${ACCOUNT}:user/carol" }
    policies:
      identity:
        - { name: full, system: AliyunCamsFullAccess }
        - name: no-prod-updates
          document: { Version: "1", Statement: [{ Sid: NoProd, Effect: Deny, Action: cams:UpdateInstance, Resource: "acs:cams:*:*:instance/prod-*" }] }
  - id: ${KEYS.dave.accessKeyId}
    secret: ${KEYS.dave.accessKeySecret}
    principal: { type: RamUser, arn: "acs:ram::${ACCOUNT}:user/dave" }
    policies:
      identity:
        - { name: rg-prod-operator, resourceGroup: rg-prod, document: ${allow(['cams:UpdateInstance', 'cams:QueryInstance'])} }
  - id: ${KEYS.erin.accessKeyId}
    secret: ${KEYS.erin.accessKeySecret}
    principal: { type: RamUser, arn: "acs:ram::${ACCOUNT}:user/erin" }
    policies:
      control:
        - - name: no-cams-updates
            document: { Version: "1", Statement: [{ Effect: Allow, Action: "*", Resource: "*" }, { Effect: Deny, Action: cams:UpdateInstance, Resource: "*" }] }
      identity:
        - { name: full, system: AliyunCamsFullAccess }
  - id: ${KEYS.sts.accessKeyId}
    secret: ${KEYS.sts.accessKeySecret}
    securityToken: ${KEYS.sts.securityToken}
    principal: { type: AssumedRole, arn: "acs:ram::${ACCOUNT}:assumed-role/deployer/ci" }
    policies:
      identity:
        - name: tagged-prod-only
          document: ${allow(['cams:UpdateInstance', 'cams:QueryInstance'], '*', ', Condition: { StringEquals: { "acs:ResourceTag/env": prod } }')}
instances:
  - { id: ins-1, name: viber_ins, description: first, region: ${REGION}, resourceGroup: rg-prod, tags: { env: prod }, channelType: VIBER }
  - { id: prod-42, name: whatsapp_ins, resourceGroup: rg-dev, channelType: WHATSAPP }
${faults}`;
}

/** The shared configuration, parsed (failing loudly if it does not parse). */
export function testConfig(faults = ''): EmulatorConfig {
  const { config, diagnostics } = parseEmulatorConfig(configText(faults), { file: 'test-emulator.yaml' });
  if (!config) throw new Error(diagnostics.map((d) => `${d.range?.line}: ${d.message}`).join('\n'));
  return config;
}
