/**
 * JSON snapshots are read with `JSON.parse` and the position-tracking parse is made only when a
 * diagnostic asks where it is (issue 13 §2). The answer must be the one the position-tracking
 * reader gives, to the last diagnostic's range: checked here on every snapshot of the refusal
 * corpus, every hostile snapshot and the generated accounts, each written as JSON the way
 * `collect --output x.json` writes it.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { generateAccount } from '../../src/emulator/ram-api/generate-account.js';
import { parseSnapshot, parseSnapshotWithPositions } from '../../src/snapshot/parse-snapshot.js';
import { hostileSnapshots } from '../hostile/snapshot-families.js';
import { generatedAccount } from '../../bench/audit-account.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const EXAMPLE = resolve(ROOT, 'policies/examples/account.snapshot.yaml');

/** Reads files relative to the example's folder, as the CLI does. */
const readFile = (path: string) => {
  try {
    return { text: readFileSync(resolve(dirname(EXAMPLE), path), 'utf8'), file: path };
  } catch {
    return { error: 'no such file' };
  }
};

/** The YAML text as `collect` would write it in JSON, or undefined when it is not a YAML document. */
function asJson(yamlText: string): string | undefined {
  try {
    return JSON.stringify(parse(yamlText, { maxAliasCount: 100 }), null, 2) + '\n';
  } catch {
    return undefined;
  }
}

/**
 * Both readers' answers, as JSON text: every field and diagnostic in order (compared as text, a
 * 10,000-user answer stays cheap to compare; prototypes are checked on their own below).
 */
const same = (text: string, file = 'account.snapshot.json', reader: typeof readFile = readFile) => {
  const plain = JSON.stringify(parseSnapshot(text, { file, readFile: reader }));
  const located = JSON.stringify(parseSnapshotWithPositions(text, { file, readFile: reader }));
  expect(plain === located, `the readers differ on ${text.slice(0, 80)}`).toBe(true);
};

describe('a JSON snapshot read the plain way gives what the position-tracking reader gives', () => {
  const corpus = parse(readFileSync(resolve(ROOT, 'test/cases/snapshot/invalid.yaml'), 'utf8')) as { cases: { name: string; snapshot: string }[] };

  it('on the bundled example, which has nothing to report', () => {
    const text = asJson(readFileSync(EXAMPLE, 'utf8'))!;
    const result = parseSnapshot(text, { file: 'account.snapshot.json', readFile });
    expect(result.diagnostics).toEqual([]);
    expect(result.snapshot?.users.length).toBeGreaterThan(0);
    same(text);
  });

  it.each(corpus.cases.map((c) => [c.name, c.snapshot] as const))('refusal corpus: %s', (_, yamlText) => {
    const text = asJson(yamlText);
    if (text === undefined) return; // not a YAML document: nothing to write as JSON
    same(text);
  });

  it('on every hostile snapshot, as written and as JSON', () => {
    let checked = 0;
    // YAML anchors are left out: written as JSON, an alias bomb is the gigabytes it stands for.
    for (const input of hostileSnapshots()) {
      if (typeof input.content !== 'string' || /&[A-Za-z0-9_]/.test(input.content)) continue;
      const texts = [input.file.endsWith('.json') ? input.content : asJson(input.content)].filter((t): t is string => t !== undefined && t.length < 5_000_000);
      for (const text of texts) {
        // Hostile `file:` references name /dev/zero and the like: the CLI's bounded reader is not this test's subject.
        same(text, 'account.snapshot.json', () => ({ error: 'not read here' }));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('on the emulator\'s generated account of 200 users', () => {
    const text = JSON.stringify(generateAccount({ users: 200 }), null, 2);
    expect(parseSnapshot(text, { file: 'account.snapshot.json' }).snapshot?.users).toHaveLength(200);
    same(text);
  });

  it('on the audit bench\'s account (tagged instances), and keeps tag objects without a prototype', () => {
    const text = JSON.stringify(generatedAccount(500, 100));
    same(text);
    const { snapshot } = parseSnapshot(text, { file: 'account.snapshot.json' });
    const tagged = snapshot!.resources.camsInstances.find((i) => i.tags !== undefined);
    expect(tagged).toBeDefined();
    expect(Object.getPrototypeOf(tagged!.tags)).toBeNull();
  });

  it('reads a tag named after an Object.prototype member as a tag, and nothing else as one', () => {
    const value = parse(readFileSync(EXAMPLE, 'utf8')) as { resources: { camsInstances: { tags?: Record<string, string> }[] } };
    value.resources.camsInstances[0]!.tags = { constructor: 'x', toString: 'y' };
    const text = JSON.stringify(value);
    same(text);
    const tags = parseSnapshot(text, { file: 'account.snapshot.json', readFile }).snapshot!.resources.camsInstances[0]!.tags!;
    expect(Object.keys(tags)).toEqual(['constructor', 'toString']);
    expect('hasOwnProperty' in tags).toBe(false);
  });

  it('leaves to the position-tracking reader a duplicate key, a `__proto__` key and a syntax error', () => {
    const text = asJson(readFileSync(EXAMPLE, 'utf8'))!;
    const duplicate = text.replace('"accountId":', '"accountId": "1", "accountId":');
    const proto = text.replace('"accountId":', '"__proto__": {}, "accountId":');
    for (const bad of [duplicate, proto, text.slice(0, -10)]) {
      same(bad);
      expect(parseSnapshot(bad, { file: 'account.snapshot.json', readFile }).diagnostics.length).toBeGreaterThan(0);
    }
  });
});
