/** `ramguard catalog`: what the service catalog knows, in text or JSON. */
import { Command, Option } from 'commander';
import { expandActionPattern, lookupAction, resourceTypesOf } from '../catalog/query.js';
import { renderAction, renderActionList, renderKeys, renderServices } from '../catalog/render.js';
import { closest, didYouMean } from '../catalog/suggest.js';
import type { Catalog } from '../catalog/types.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { loadCatalog } from './catalog-input.js';
import { createInputReader } from './kit/input.js';
import type { Io } from './kit/io.js';
import { failWith, usageProblem } from './kit/report.js';
type Format = 'text' | 'json';
type Answer = { text: string; json: unknown } | { diagnostic: Diagnostic };

function notFound(what: string, name: string, candidates: Iterable<string>): Answer {
  const help = didYouMean(closest(name, candidates));
  return { diagnostic: usageProblem(`${what} \`${name}\` is not in the catalog`, help, 'not-in-catalog') };
}

/** Runs one catalog question and prints the answer. */
function answer(io: Io, flags: { format: Format; catalog?: string }, ask: (catalog: Catalog) => Answer): void {
  const loaded = loadCatalog(createInputReader(io).reader, io.cwd, flags.catalog);
  if (!loaded.catalog) return failWith(io, flags.format, loaded.diagnostics);
  const result = ask(loaded.catalog);
  if ('diagnostic' in result) return failWith(io, flags.format, [result.diagnostic]);
  io.out(flags.format === 'json' ? JSON.stringify(result.json, null, 2) : result.text);
  io.setExit(0);
}

const serializeAction = (catalog: Catalog, a: ReturnType<typeof lookupAction> & object) => ({
  action: a.fullName,
  access: a.access,
  resources: a.resources,
  resourceTypes: resourceTypesOf(catalog, a).map((t) => ({ name: t.name, arn: t.arn, source: t.source })),
  conditionKeys: a.conditionKeys,
  changesPermissions: a.changesPermissions,
  source: a.source,
});

/** Builds the `catalog` command and its subcommands. */
export function catalogCommand(io: Io): Command {
  const command = new Command('catalog').description('show the service catalog: services, actions, condition keys, system policies');
  const sub = (name: string, description: string) =>
    command
      .command(name)
      .description(description)
      .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
      .option('--catalog <dir>', 'add the service files in this directory')
      .exitOverride();
  sub('services', 'list the services').action((flags) =>
    answer(io, flags, (c) => ({ text: renderServices(c), json: [...c.services.values()].map((s) => ({ service: s.service, name: s.name, apiVersion: s.apiVersion, actions: s.actions.length })) })),
  );
  sub('actions <pattern>', 'expand an action pattern, e.g. cams:Get*').action((pattern: string, flags) =>
    answer(io, flags, (c) => {
      const { actions, unknownServices } = expandActionPattern(c, pattern);
      const note = unknownServices ? `and any action not in the catalog matching \`${pattern}\`` : undefined;
      const text = [renderActionList(actions), `${actions.length} actions${note ? `, ${note}` : ''}`].filter((l) => l !== '').join('\n');
      return { text, json: { pattern, actions: actions.map((a) => a.fullName), unknownServices } };
    }),
  );
  sub('show <action>', 'access level, resource types, condition keys and sources of an action').action((name: string, flags) =>
    answer(io, flags, (c) => {
      const a = lookupAction(c, name);
      if (!a) return notFound('action', name, [...c.actions.values()].map((x) => x.fullName));
      return { text: renderAction(c, a), json: serializeAction(c, a) };
    }),
  );
  sub('keys [service]', 'condition keys: the common acs: keys and a service’s own').action((service: string | undefined, flags) =>
    answer(io, flags, (c) => {
      const s = service === undefined ? undefined : c.services.get(service.toLowerCase());
      if (service !== undefined && !s) return notFound('service', service, c.services.keys());
      const serviceKeys = s?.conditionKeys.keys ?? [];
      return { text: renderKeys(c.conditionKeys, serviceKeys), json: { common: c.conditionKeys, service: s ? { service: s.service, keys: serviceKeys, source: s.conditionKeys.source } : undefined } };
    }),
  );
  sub('policy <name>', 'a system policy document by name').action((name: string, flags) =>
    answer(io, flags, (c) => {
      const p = c.systemPolicies.get(name) ?? [...c.systemPolicies.values()].find((x) => x.name.toLowerCase() === name.toLowerCase());
      if (!p) return notFound('system policy', name, c.systemPolicies.keys());
      return { text: `# ${p.name} (${p.kind} policy): ${p.description}\n${JSON.stringify(p.document, null, 2)}`, json: { name: p.name, kind: p.kind, description: p.description, source: p.source, document: p.document } };
    }),
  );
  return command.exitOverride();
}
