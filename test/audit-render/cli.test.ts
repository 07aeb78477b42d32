/**
 * End to end through the built binary: `ramguard audit who-can|principal-can --format dot|html`
 * on the example account prints one graph or one page naming every principal the json answer
 * names; bad input prints a diagnostic and no half page.
 */
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/audit/render/html-escape.js';
import { ALLOW_EXAMPLES, example, run, runJson } from '../cli/run.js';
import { parseDot } from './dot-parse.js';
import { HOSTILE_SNAPSHOT } from './fixtures.js';

const snapshot = example('account.snapshot.yaml');
const whoCanArgs = ['audit', 'who-can', '--snapshot', snapshot, ...ALLOW_EXAMPLES, '--action', 'cams:UpdateInstance', '--all-resources'];
const refsOf = (json: any): string[] => json.principals.map((p: any) => p.principal.ref);
const answered = refsOf(runJson(whoCanArgs).json);

describe('ramguard audit --format dot', () => {
  it('prints one digraph with a node for every principal of the answer', () => {
    const result = run([...whoCanArgs, '--format', 'dot']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.endsWith('}\n')).toBe(true);
    const labels = [...parseDot(result.stdout).nodes.values()].map((a) => a.label);
    expect(answered.length).toBeGreaterThan(3);
    for (const ref of answered) expect(labels).toContain(ref);
  });

  it('draws principal-can with the role the principal assumes', () => {
    const result = run(['audit', 'principal-can', '--snapshot', snapshot, ...ALLOW_EXAMPLES, '--principal', 'user/ci-bot', '--action', 'cams:UpdateInstance', '--format', 'dot']);
    expect(result.status).toBe(0);
    const dot = parseDot(result.stdout);
    const labels = [...dot.nodes.values()].map((a) => a.label);
    expect(labels).toEqual(expect.arrayContaining(['user/ci-bot', 'role/deployer', 'user/ci-bot: cams:UpdateInstance']));
    expect(dot.edges.some((e) => e.from === 'user:ci-bot' && e.to === 'role:deployer' && e.attributes.label === 'assumes')).toBe(true);
  });
});

describe('ramguard audit --format html', () => {
  it('prints one page with every principal of the answer in the table', () => {
    const result = run([...whoCanArgs, '--format', 'html']);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.startsWith('<!doctype html>')).toBe(true);
    expect(result.stdout.endsWith('</html>\n')).toBe(true);
    for (const ref of answered) expect(result.stdout).toContain(`data-ref="${escapeHtml(ref)}"`);
  });

  it('escapes the names of a hostile snapshot', () => {
    const result = run(['audit', 'who-can', '--snapshot', HOSTILE_SNAPSHOT, '--action', 'cams:UpdateInstance', '--format', 'html']);
    expect(result.status).toBe(0);
    expect(result.stdout).not.toContain('<img');
    expect(result.stdout).toContain('user/&lt;img src=x onerror=alert(1)&gt;');
  });

  it('prints a diagnostic and no page when the snapshot cannot be read', () => {
    const result = run(['audit', 'who-can', '--snapshot', 'no-such.snapshot.yaml', '--action', 'cams:UpdateInstance', '--format', 'html']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/error\[[a-z-]+\]/);
  });
});
