/**
 * `ramguard playground` as a user runs it (the built binary): the page is written atomically and
 * opens on the scenario or snapshot principal given; every bad input is a diagnostic and exit 2,
 * and nothing is written then.
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATE_ELEMENT_ID } from '../../src/playground/state.js';
import { ALLOW_EXAMPLES, diagnosticLines, example, FIXTURES, run } from '../cli/run.js';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ramguard-playground-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The state the page opens on. */
function stateOf(file: string): { scenario: string; notes: string[] } {
  const html = readFileSync(file, 'utf8');
  const json = new RegExp(`<script type="application/json" id="${STATE_ELEMENT_ID}">(.*?)</script>`, 's').exec(html)![1]!;
  return JSON.parse(json);
}

describe('ramguard playground', () => {
  it('writes ramguard-playground.html by default, with the example scenario, exit 0', () => {
    const result = run(['playground'], { cwd: dir });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^wrote ramguard-playground\.html \(\d+ KiB\)/);
    const html = readFileSync(join(dir, 'ramguard-playground.html'), 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(stateOf(join(dir, 'ramguard-playground.html')).scenario).toContain('cams:UpdateInstance');
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]); // the atomic write left no temporary file
  });

  it('opens on a scenario with its file: references inline', () => {
    const out = join(dir, 'scenario.html');
    const result = run(['playground', '--scenario', example('update-instance.scenario.yaml'), ...ALLOW_EXAMPLES, '--out', out]);
    expect(result.status).toBe(0);
    const { scenario } = stateOf(out);
    expect(scenario).not.toMatch(/^\s*file:/m);
    expect(scenario).toContain('UpdateProdInstancesFromOffice');
  });

  it("opens on a snapshot principal's policies, its caller filled", () => {
    const out = join(dir, 'snapshot.html');
    const result = run(['playground', '--snapshot', example('account.snapshot.yaml'), '--principal', 'user/alice', ...ALLOW_EXAMPLES, '--out', out]);
    expect(result.status).toBe(0);
    const { scenario } = stateOf(out);
    expect(scenario).toContain('arn: acs:ram::1234567890123456:user/alice');
    expect(scenario).toContain('control-no-deletes-in-prod');
  });

  it('refuses a missing scenario file, exit 2, and writes nothing', () => {
    const out = join(dir, 'never-1.html');
    const result = run(['playground', '--scenario', 'no-such.scenario.yaml', '--out', out]);
    expect(result.status).toBe(2);
    expect(diagnosticLines(result.stderr)[0]).toMatch(/^no-such\.scenario\.yaml: error\[unreadable-file\]: cannot read `no-such\.scenario\.yaml`: no such file/);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a malformed scenario and one whose policy file is missing, with their positions', () => {
    const out = join(dir, 'never-2.html');
    const malformed = run(['playground', '--scenario', 'bad-element.scenario.yaml', '--out', out]);
    expect(malformed.status).toBe(2);
    expect(diagnosticLines(malformed.stderr).join('\n')).toMatch(/^bad-element\.scenario\.yaml:\d+:\d+: error\[/m);
    const missing = run(['playground', '--scenario', 'missing-file.scenario.yaml', '--out', out]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('error[unreadable-file]: cannot read policy file `does-not-exist.json`');
    expect(existsSync(out)).toBe(false);
  });

  it('keeps file: references inside the working directory, as eval does', () => {
    const result = run(['playground', '--scenario', example('update-instance.scenario.yaml'), '--out', join(dir, 'never-3.html')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('error[path-outside-tree]');
  });

  it('refuses a principal the snapshot does not have, with a did-you-mean', () => {
    const result = run(['playground', '--snapshot', example('account.snapshot.yaml'), '--principal', 'user/alicia', ...ALLOW_EXAMPLES, '--out', join(dir, 'never-4.html')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/error\[unknown-principal\]: the snapshot has no user `alicia`/);
    expect(result.stderr).toContain('user/alice');
  });

  it('refuses --out naming one of its inputs, and leaves the input as it was', () => {
    const input = join(dir, 'input.scenario.yaml');
    copyFileSync(join(FIXTURES, 'resource-group.scenario.yaml'), input);
    const before = readFileSync(input, 'utf8');
    const result = run(['playground', '--scenario', input, '--out', input], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('error[unwritable-file]');
    expect(result.stderr).toContain('it is an input of this run');
    expect(readFileSync(input, 'utf8')).toBe(before);
  });

  it('refuses --out in a directory that does not exist, before reading anything', () => {
    const result = run(['playground', '--out', join(dir, 'missing', 'page.html')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/error\[unwritable-file\]: cannot write `.*page\.html`: the directory `.*missing` does not exist/);
  });

  it('refuses --scenario with --snapshot, --principal without --snapshot, and --snapshot without --principal', () => {
    writeFileSync(join(dir, 's.yaml'), 'request: {}\n');
    for (const args of [
      ['--scenario', 's.yaml', '--snapshot', 'x.yaml', '--principal', 'user/a'],
      ['--principal', 'user/a'],
      ['--snapshot', 'x.yaml'],
    ]) {
      const result = run(['playground', ...args, '--out', 'never.html'], { cwd: dir });
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr, args.join(' ')).toContain('error[invalid-argument]');
    }
    expect(existsSync(join(dir, 'never.html'))).toBe(false);
  });
});
