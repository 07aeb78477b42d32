/**
 * `parsePolicy` reads JSON text the plain way (`JSON.parse`) when there is nothing to report, and
 * with positions otherwise (issue 15). The two must never differ: same policy, same diagnostics
 * at the same positions, same decisions and explanations. Both paths run here over every policy
 * of the conformance corpus (compact and indented, evaluated with and without the trace) and
 * over every hostile policy fixture, in every kind.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compilePolicySet, evaluate, scenarioFromValue, type AuthorizationRequest, type NamedPolicy, type PolicySet } from '../../src/index.js';
import { readPlainJson } from '../../src/parse/plain-json.js';
import { isStrictJson, MAX_SOURCE_CHARACTERS } from '../../src/parse/source.js';
import { parsePolicy, parsePolicyWithPositions } from '../../src/policy/parse-policy.js';
import type { PolicyKind } from '../../src/policy/types.js';
import { bytePolicies } from '../hostile/policy-bytes.js';
import { structuralPolicies } from '../hostile/policy-structure.js';

const KINDS: PolicyKind[] = ['identity', 'trust', 'session', 'control'];
const CASES_DIR = new URL('../cases/evaluate/', import.meta.url).pathname;

function caseFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? caseFiles(join(dir, e.name)) : e.name.endsWith('.yaml') ? [join(dir, e.name)] : []));
}

/** Both readings of one text: the plain-first one and the one with positions throughout. */
function both(text: string, kind: PolicyKind, file?: string) {
  const options = file === undefined ? { kind } : { kind, file };
  return { plain: parsePolicy(text, options), positions: parsePolicyWithPositions(text, options) };
}

type Layer = 'control' | 'session' | 'identity' | 'resourceGroup' | 'resource';
const KIND_OF: Record<Layer, PolicyKind> = { control: 'control', session: 'session', identity: 'identity', resourceGroup: 'identity', resource: 'trust' };

/** The set with each document replaced by the one `read` gives for its text. */
function reread(set: PolicySet, text: (p: NamedPolicy) => string, read: typeof parsePolicy): PolicySet {
  const again = <P extends NamedPolicy>(p: P, layer: Layer): P => {
    const parsed = read(text(p), { kind: KIND_OF[layer] });
    if (!parsed.policy) throw new Error(`${p.name}: ${JSON.stringify(parsed.diagnostics)}`);
    return { ...p, document: parsed.policy };
  };
  const out: PolicySet = {
    control: set.control.map((level) => level.map((p) => again(p, 'control'))),
    identity: set.identity.map((p) => again(p, 'identity')),
    resourceGroup: set.resourceGroup.map((p) => again(p, 'resourceGroup')),
    resource: set.resource.map((p) => again(p, 'resource')),
  };
  if (set.session) out.session = again(set.session, 'session');
  return out;
}

describe('plain and position-tracking policy reading', () => {
  const files = caseFiles(CASES_DIR);

  it('give the same policies, decisions and explanations over the whole conformance corpus', () => {
    let compared = 0;
    for (const file of files) {
      const { cases } = parse(readFileSync(file, 'utf8')) as { cases: { name: string; scenario: unknown }[] };
      for (const c of cases) {
        // Given a case's policies written out as JSON text, compact and indented
        const parsed = scenarioFromValue(c.scenario, { file, locate: () => undefined });
        const { request, policies } = parsed.scenario!;
        const source = c.scenario as { policies: Record<string, unknown> };
        const documents = new Map<string, unknown>();
        const collect = (v: unknown): void => {
          if (Array.isArray(v)) v.forEach(collect);
          else if (typeof v === 'object' && v !== null && 'name' in v && 'document' in v) documents.set(String((v as { name: unknown }).name), (v as { document: unknown }).document);
        };
        Object.values(source.policies).forEach(collect);
        for (const indent of [undefined, 2]) {
          const text = (p: NamedPolicy) => JSON.stringify(documents.get(p.name), null, indent);
          // When the set is read both ways and evaluated, with and without the trace
          const plainSet = reread(policies, text, parsePolicy);
          const positionsSet = reread(policies, text, parsePolicyWithPositions);
          // Then the documents and every result are the same
          expect(plainSet, c.name).toStrictEqual(positionsSet);
          for (const trace of [true, false]) {
            const a = evaluate(compilePolicySet(plainSet), request as AuthorizationRequest, { trace });
            const b = evaluate(compilePolicySet(positionsSet), request as AuthorizationRequest, { trace });
            expect(a, c.name).toStrictEqual(b);
          }
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThanOrEqual(300);
  });

  it('give the same result for every hostile policy fixture, in every kind', () => {
    // Given every structural and byte-level hostile policy that is a file's text
    const inputs = [...structuralPolicies(), ...bytePolicies()].filter((i) => i.content !== undefined && !i.special);
    expect(inputs.length).toBeGreaterThan(100);
    let withDiagnostics = 0;
    for (const input of inputs) {
      const text = typeof input.content === 'string' ? input.content : input.content!.toString('utf8');
      if (text.length > 4 * MAX_SOURCE_CHARACTERS) continue; // refused by length alike, and slow to compare
      // Heavy inputs (long strings, many elements) and YAML once (YAML takes one path either way);
      // the others in every kind, with and without a file name.
      const once = input.heavy || !isStrictJson(text, input.file);
      for (const kind of once ? KINDS.slice(0, 1) : KINDS) {
        // When it is read both ways
        for (const file of once ? [input.file] : [input.file, undefined]) {
          const { plain, positions } = both(text, kind, file);
          // Then policy and diagnostics (codes, messages, ranges, paths) are the same
          expect(plain, `${input.name} ${kind} ${file}`).toStrictEqual(positions);
          if (positions.diagnostics.length > 0) withDiagnostics++;
        }
      }
    }
    expect(withDiagnostics).toBeGreaterThan(400);
  }, 120_000);

  it('give the same result for the cases the plain reader must hand over', () => {
    const good = { Version: '1', Statement: [{ Effect: 'Allow', Action: 'cams:Get*', Resource: '*', Condition: { IpAddress: { 'acs:SourceIp': '10.0.0.0/8' } } }] };
    const goodText = JSON.stringify(good);
    const deep = (n: number) => `{"Version":"1","Statement":[{"Effect":"Allow","Action":"cams:Get*","Resource":"*","Condition":{"StringEquals":{"acs:x":${'['.repeat(n)}"a"${']'.repeat(n)}}}}]}`;
    const texts: [string, string][] = [
      ['duplicate top-level key', '{"Version":"1","Version":"1","Statement":[{"Effect":"Allow","Action":"cams:Get*","Resource":"*"}]}'],
      ['duplicate key in a statement', '{"Version":"1","Statement":[{"Effect":"Allow","Effect":"Deny","Action":"cams:Get*","Resource":"*"}]}'],
      ['duplicate condition key', '{"Version":"1","Statement":[{"Effect":"Allow","Action":"cams:Get*","Resource":"*","Condition":{"Bool":{"acs:SecureTransport":"true","acs:SecureTransport":"false"}}}]}'],
      ['duplicate key written with an escape', '{"Version":"1","Statement":[{"Effect":"Allow","Action":"cams:Get*","\\u0041ction":"cams:List*","Resource":"*"}]}'],
      ['__proto__ key', '{"Version":"1","__proto__":{"x":1},"Statement":[{"Effect":"Allow","Action":"cams:Get*","Resource":"*"}]}'],
      ['escaped __proto__ key', '{"Version":"1","Statement":[{"Effect":"Allow","Action":"cams:Get*","Resource":"*","\\u005f_proto__":"x"}]}'],
      ['__proto__ condition key', '{"Version":"1","Statement":[{"Effect":"Allow","Action":"cams:Get*","Resource":"*","Condition":{"StringEquals":{"__proto__":"x"}}}]}'],
      ['Object.prototype names as keys', '{"Version":"1","Statement":[{"Effect":"Allow","Action":"cams:Get*","Resource":"*","Condition":{"toString":{"constructor":"x"}}}]}'],
      ['64 levels', deep(58)],
      ['65 levels', deep(59)],
      ['a number', '{"Version":1.0,"Statement":[{"Effect":"Allow","Action":"cams:Get*","Resource":"*"}]}'],
      ['a number condition value', '{"Version":"1","Statement":[{"Effect":"Allow","Action":"cams:Get*","Resource":"*","Condition":{"NumericEquals":{"cams:x":1.50}}}]}'],
      ['a byte-order mark', `\uFEFF${goodText}`],
      ['a comment', goodText.replace('{', '{ /* c */')],
      ['a trailing comma', goodText.replace(']}', '],}')],
      ['a lone surrogate', goodText.replace('cams:Get*', 'cams:Get\uD800')],
      ['unusual whitespace', goodText.replace(',', ',\u00A0')],
      ['a JSON text in a .yaml file', goodText],
      ['empty', ''],
      ['two documents', `${goodText}${goodText}`],
    ];
    for (const [label, text] of texts) {
      for (const kind of KINDS) {
        const { plain, positions } = both(text, kind, label.endsWith('.yaml file') ? 'p.yaml' : 'p.json');
        expect(plain, `${label} (${kind})`).toStrictEqual(positions);
      }
    }
    // And a valid policy read the plain way is the one read with positions
    const { plain, positions } = both(goodText, 'identity');
    expect(plain.policy).toBeDefined();
    expect(plain).toStrictEqual(positions);
  });

  it('count the size RAM counts on the text exactly where they count it without re-serialising', () => {
    const sized = (statements: number, pad: string, value: string) =>
      `{${pad}"Version":${pad}"1",${pad}"Statement":[${Array.from({ length: statements }, () => `{"Effect":"Allow",\n"Action":"cams:Get*",\t"Resource":"${value}"}`).join(',\r\n')}]}`;
    for (const text of [sized(1, '', '*'), sized(40, '  ', 'acs:cams:*:1234567890123456:instance/a-very-long-instance-name-to-fill-the-policy'), sized(60, '  ', 'acs:cams:*:1234567890123456:instance/a-very-long-instance-name-to-fill-the-policy'), sized(40, '\n', 'x\\"y'), sized(40, ' ', 'caf\u00e9'), sized(2, '', '\\u0041')]) {
      const plain = readPlainJson(text, MAX_SOURCE_CHARACTERS)!;
      expect(plain).toBeDefined();
      if (plain.compactLength !== undefined) expect(plain.compactLength).toBe(JSON.stringify(JSON.parse(text)).length);
      for (const kind of KINDS) expect(parsePolicy(text, { kind })).toStrictEqual(parsePolicyWithPositions(text, { kind }));
    }
    // Any JSON value fast-check makes, written compact or indented: the count (when given) is exact
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), fc.constantFrom(undefined, 1, '\t'), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const plain = readPlainJson(text, MAX_SOURCE_CHARACTERS);
        if (plain === undefined) return; // handed over (a `__proto__` key)
        expect(plain.value).toStrictEqual(JSON.parse(text));
        if (plain.compactLength !== undefined) expect(plain.compactLength).toBe(JSON.stringify(value).length);
      }),
      { numRuns: 300 },
    );
  });
});
