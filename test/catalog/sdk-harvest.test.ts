/** The SDK harvest: parsing package files (fixtures, never the network), the pinned mapping, the committed harvest, verb levels and the merge. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ESM script without types
import * as sdkActions from '../../scripts/lib/sdk-actions.mjs';
// @ts-expect-error -- a plain ESM script without types
import * as sdkVerbs from '../../scripts/lib/sdk-verbs.mjs';
// @ts-expect-error -- a plain ESM script without types
import * as sdkMerge from '../../scripts/lib/sdk-merge.mjs';

interface ProductRow { ram_code: string; name: string; sdk_product: string; package: string; version: string; api_version: string; file: string; format: string; coverage: string; note: string }
interface HarvestRow { action: string; apiVersion: string; spec: string; file: string }
const parseSdkActions = sdkActions.parseSdkActions as (text: string, format: string) => { name: string; apiVersion: string }[];
const parseSdkProducts = sdkActions.parseSdkProducts as (text: string, file?: string) => ProductRow[];
const parseHarvest = sdkActions.parseHarvest as (text: string, file: string) => HarvestRow[];
const harvestText = sdkActions.harvestText as (code: string, parts: { row: ProductRow; integrity: string; actions: { name: string; apiVersion: string }[] }[]) => string;
const sdkVerbLevel = sdkVerbs.sdkVerbLevel as (name: string) => { access: string; rule: string };
const mergeService = sdkMerge.mergeService as (yaml: unknown, rows: ProductRow[], harvested: HarvestRow[]) => { actions: Record<string, { access: string; resources: unknown; source: Record<string, string> }>; actionsIncomplete?: string };

const root = new URL('../../', import.meta.url).pathname;
const fixture = (name: string) => readFileSync(`${root}test/catalog/fixtures/sdk/${name}`, 'utf8');
const products = parseSdkProducts(readFileSync(`${root}catalog/sources/sdk-products.tsv`, 'utf8'));

describe('parseSdkActions', () => {
  it('reads the API names and versions of a current SDK client (action/version params), once each, sorted', () => {
    expect(parseSdkActions(fixture('openapi-client.js'), 'openapi-params')).toEqual([
      { name: 'AddTags', apiVersion: '2014-05-26' },
      { name: 'DescribeInstances', apiVersion: '2014-05-26' },
      { name: 'TagResources', apiVersion: '2014-05-26' },
    ]);
  });

  it('reads the first generation (doRequest) and aliyun-sdk API descriptions', () => {
    expect(parseSdkActions(fixture('rpc-client.js'), 'rpc-do-request').map((a) => a.name)).toEqual(['CreateKey', 'ListSecrets']);
    expect(parseSdkActions(fixture('aliyun-sdk-api.json'), 'aliyun-sdk-apis')).toEqual([
      { name: 'AddBackendServers', apiVersion: '2014-05-15' },
      { name: 'DescribeLoadBalancers', apiVersion: '2014-05-15' },
    ]);
  });

  it.each([
    ['no API in the form', 'const x = 1;', 'openapi-params', /no API names/],
    ['a name that is no API name', 'action: "Describe-It", version: "2014-05-26"', 'openapi-params', /not an API name/],
    ['a version that is no date', 'action: "DescribeIt", version: "latest"', 'openapi-params', /not YYYY-MM-DD/],
    ['one API under two versions', 'action: "A", version: "2014-05-26" action: "A", version: "2016-01-01"', 'openapi-params', /two|API versions/],
    ['a format that names no APIs', 'x', 'none', /names no APIs/],
    ['an API description without operations', '{"apiVersion": "2014-05-15"}', 'aliyun-sdk-apis', /operations/],
  ])('refuses %s', (_, text, format, error) => {
    expect(() => parseSdkActions(text, format)).toThrow(error);
  });
});

describe('catalog/sources/sdk-products.tsv', () => {
  it('pins an exact version of every package, and names the RAM codes of the issue', () => {
    const codes = new Set(products.map((r) => r.ram_code));
    for (const code of ['ecs', 'oss', 'vpc', 'slb', 'alb', 'nlb', 'rds', 'kms', 'log', 'fc', 'cs', 'cr', 'cms', 'actiontrail', 'resourcemanager', 'nas', 'ess', 'ots', 'kvstore', 'dds', 'polardb', 'alidns', 'cdn', 'waf', 'sas', 'ram', 'sts']) expect(codes, code).toContain(code);
    for (const row of products.filter((r) => r.package !== '-')) expect(row.version, row.package).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('writes the RAM code ↔ SDK product mapping where they differ (log ↔ sls, kvstore ↔ r-kvstore, ots ↔ tablestore)', () => {
    const product = (code: string) => products.filter((r) => r.ram_code === code).map((r) => r.sdk_product);
    expect(product('log')).toEqual(['sls']);
    expect(product('kvstore')).toEqual(['r-kvstore']);
    expect(product('ots')).toContain('tablestore');
    expect(product('ram')).toEqual(['ram', 'ims']);
  });

  it('says why a service has no package, and harvests nothing for it', () => {
    const none = products.filter((r) => r.coverage === 'none');
    expect(none.map((r) => r.ram_code).sort()).toEqual(['actiontrail', 'cr', 'dds', 'nlb', 'sas', 'waf']);
    for (const row of none) expect(row.note, row.ram_code).toMatch(/404|no package/);
    const harvested = readdirSync(`${root}catalog/sources/sdk`).map((f) => f.replace(/\.tsv$/, ''));
    for (const row of none) expect(harvested).not.toContain(row.ram_code);
  });

  it.each([
    ['a version range', (l: string) => l.replace('\t7.11.6\t', '\t^7.11.6\t'), /exact/],
    ['an unknown format', (l: string) => l.replace('openapi-params', 'guess'), /format/],
    ['a file outside the package', (l: string) => l.replace('dist/client.js', '../x.js'), /inside the package/],
    ['a package with coverage none', (l: string) => l.replace('\tcomplete\t', '\tnone\t'), /without a package/],
  ])('refuses %s', (_, edit, error) => {
    const text = readFileSync(`${root}catalog/sources/sdk-products.tsv`, 'utf8');
    const ecs = text.split('\n').find((l) => l.startsWith('ecs\t'))!;
    expect(() => parseSdkProducts(text.replace(ecs, edit(ecs)))).toThrow(error);
  });
});

describe('catalog/sources/sdk/*.tsv (the committed harvest)', () => {
  const files = readdirSync(`${root}catalog/sources/sdk`).filter((f) => f.endsWith('.tsv'));

  it.each(files)('%s comes from the packages its code is mapped to, each with its npm integrity', (file) => {
    const code = file.replace(/\.tsv$/, '');
    const text = readFileSync(`${root}catalog/sources/sdk/${file}`, 'utf8');
    const mapped = products.filter((r) => r.ram_code === code && r.coverage !== 'none');
    expect(mapped.length, code).toBeGreaterThan(0);
    const rows = parseHarvest(text, file);
    expect(new Set(rows.map((r) => r.spec))).toEqual(new Set(mapped.map((r) => `${r.package}@${r.version}`)));
    for (const row of mapped) expect(text).toMatch(new RegExp(`^# +${row.package.replace(/[/.]/g, '\\$&')}@${row.version} sha512-`, 'm'));
    for (const r of rows) expect(mapped.find((m) => `${m.package}@${m.version}` === r.spec)?.api_version, r.action).toBe(r.apiVersion);
  });

  it('writes back what it reads (harvestText and parseHarvest agree)', () => {
    const row = products.find((r) => r.ram_code === 'ecs')!;
    const text = harvestText('ecs', [{ row, integrity: 'sha512-x', actions: parseSdkActions(fixture('openapi-client.js'), 'openapi-params') }]);
    expect(parseHarvest(text, 'ecs.tsv').map((r) => `${r.action} ${r.spec}`)).toEqual(['AddTags @alicloud/ecs20140526@7.11.6', 'DescribeInstances @alicloud/ecs20140526@7.11.6', 'TagResources @alicloud/ecs20140526@7.11.6']);
  });
});

describe('access levels inferred from the verb', () => {
  it.each([
    ['DescribeInstances', 'Read'],
    ['DescribeInstanceAttribute', 'Read'],
    ['GetObject', 'get'],
    ['ListTagResources', 'list'],
    ['CreateVpc', 'create'],
    ['RunInstances', 'create'],
    ['DeleteVSwitch', 'delete'],
    ['ReleaseEipAddress', 'delete'],
    ['ModifyInstanceSpec', 'update'],
    ['TagResources', 'update'],
    ['UntagResources', 'update'],
    ['AddTags', 'update'],
    ['PutObject', 'Write'],
    ['Describer', 'unknown'],
    ['AcceptInquiredSystemEvent', 'unknown'],
  ])('%s → %s', (name, level) => {
    expect(sdkVerbLevel(name).access).toBe(level);
  });

  it('names the rule it used, and says when none matched', () => {
    expect(sdkVerbLevel('TagResources').rule).toBe('access level from the verb: Tag → update');
    expect(sdkVerbLevel('Foo').rule).toMatch(/no verb rule/);
  });
});

describe('mergeService', () => {
  const ecs = products.find((r) => r.ram_code === 'ecs')!;
  const harvested: HarvestRow[] = [
    { action: 'DescribeInstances', apiVersion: '2014-05-26', spec: '@alicloud/ecs20140526@7.11.6', file: 'dist/client.js' },
    { action: 'StartInstance', apiVersion: '2014-05-26', spec: '@alicloud/ecs20140526@7.11.6', file: 'dist/client.js' },
  ];

  it('keeps a documented row over the SDK row of the same action (whatever its case) and adds the rest as inferred', () => {
    const yaml = { service: 'ecs', name: 'ECS', resourceTypes: {}, conditionKeys: { keys: [], source: { inferred: 'x' } }, actions: { describeInstances: { access: 'list', resources: 'all', source: { documented: 'https://example.com/page' } } } };
    const merged = mergeService(yaml, [ecs], harvested);
    expect(Object.keys(merged.actions)).toEqual(['describeInstances', 'StartInstance']);
    expect(merged.actions['describeInstances']!.source).toEqual({ documented: 'https://example.com/page' });
    expect(merged.actions['StartInstance']).toEqual({ access: 'update', resources: 'unknown', source: { inferred: expect.stringMatching(/^API name in @alicloud\/ecs20140526@7\.11\.6 dist\/client\.js \(API version 2014-05-26\).*Start → update$/) } });
    expect(merged.actionsIncomplete).toBeUndefined();
  });

  it('marks a service whose package is partial, with the mapping’s reason', () => {
    const merged = mergeService(undefined, [{ ...ecs, coverage: 'partial', note: 'old package' }], harvested);
    expect(merged.actionsIncomplete).toBe('old package');
    expect(Object.values(merged.actions).every((a) => 'inferred' in a.source && a.resources === 'unknown')).toBe(true);
  });
});
