/**
 * `--format html` as text: one self-contained page (nothing fetched, a CSP that names the inline
 * script and style by hash), every principal in the table, the filter list and the graph, hostile
 * names escaped everywhere, principal-can rows merged by action, and the graph cap.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/audit/render/html-escape.js';
import { MAX_GRAPH_PRINCIPALS, renderHtml } from '../../src/audit/render/html.js';
import { auditRows } from '../../src/audit/render/rows.js';
import { whoCan } from '../../src/audit/who-can.js';
import { EXAMPLE_SNAPSHOT, HOSTILE_SNAPSHOT, loadSnapshot, principalCanOf, whoCanOf } from './fixtures.js';

const example = whoCanOf(EXAMPLE_SNAPSHOT, { action: 'cams:UpdateInstance', allResources: true });
const examplePage = renderHtml(example);
const hostilePage = renderHtml(whoCanOf(HOSTILE_SNAPSHOT, { action: 'cams:UpdateInstance' }));

const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;
const inner = (page: string, tag: string) => new RegExp(`<${tag}>([\\s\\S]*?)</${tag.split('[')[0]}>`).exec(page)![1]!;
const sha256 = (text: string) => `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;

describe('escapeHtml', () => {
  it('escapes the five characters that can open a tag, an entity or end an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
    expect(escapeHtml('plain user/alice')).toBe('plain user/alice');
  });
});

describe.each([
  ['example', examplePage],
  ['hostile', hostilePage],
])('the %s page is self-contained', (_, page) => {
  it('is one html document with exactly one inline style and one inline script', () => {
    expect(page.startsWith('<!doctype html>\n<html lang="en">')).toBe(true);
    expect(page.trimEnd().endsWith('</html>')).toBe(true);
    expect(count(page, /<script\b/g)).toBe(1);
    expect(count(page, /<\/script>/g)).toBe(1);
    expect(count(page, /<style\b/g)).toBe(1);
  });

  it('loads nothing: no link, image, frame, src, href, import or address outside the page', () => {
    expect(page).not.toMatch(/<(link|img|iframe|object|embed|audio|video|source)\b/i);
    // Attribute names are looked for in tags only, outside quoted values (escaped text has no raw `<` or `"`).
    for (const tag of page.match(/<[a-zA-Z][^>]*>/g) ?? []) expect(tag.replace(/"[^"]*"/g, '""')).not.toMatch(/\s(src|href|srcset|action|formaction|on[a-z]+)\s*=/i);
    expect(page).not.toMatch(/@import|@font-face/i);
    // The only absolute address is the SVG namespace name, which is never fetched.
    expect(page.match(/https?:\/\/[^\s"'<)]+/g)).toEqual(['http://www.w3.org/2000/svg']);
    for (const url of page.match(/url\(([^)]*)\)/g) ?? []) expect(url).toMatch(/^url\(#arrow-[a-z-]+\)$/);
  });

  it('has a Content-Security-Policy that allows only its own inline script and style, by hash', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page)![1]!;
    expect(csp).toBe(`default-src 'none'; style-src '${sha256(inner(page, 'style'))}'; script-src '${sha256(inner(page, 'script'))}'`);
  });
});

describe('the example who-can page', () => {
  it('lists every principal in the table, the filter list and the graph', () => {
    for (const [i, access] of example.principals.entries()) {
      const ref = escapeHtml(access.principal.ref);
      expect(examplePage).toContain(`<tr data-p="${i}" data-ref="${ref}">`);
      expect(examplePage).toContain(`<option value="${ref}" data-p="${i}"></option>`);
      expect(examplePage).toMatch(new RegExp(`<g class="node k-(user|role)" data-p="[0-9 ]*\\b${i}\\b[0-9 ]*" data-ref="${ref}"`));
    }
  });

  it('shows each verdict, the resource-group path and the residual condition in the table', () => {
    expect(examplePage).toContain('<span class="verdict v-allow">Allow</span>');
    expect(examplePage).toContain('<span class="verdict v-conditional">Conditional</span>');
    expect(examplePage).toContain('<span class="verdict v-escalate">can escalate</span>');
    expect(examplePage).toContain('in resource group rg-staging');
    const alice = example.principals.find((p) => p.principal.ref === 'user/alice')!;
    expect(examplePage).toContain(escapeHtml(alice.grants[0]!.condition!));
  });

  it('counts the verdicts and the principals not listed', () => {
    const allowed = example.principals.filter((p) => p.decision === 'Allow').length;
    expect(examplePage).toContain(`<li><strong>${allowed}</strong> Allow</li>`);
    expect(examplePage).toContain(`${example.examined - example.principals.length} of ${example.examined} with no access and no escalation (not listed)`);
  });
});

describe('the hostile page', () => {
  it('never writes a name, Sid or condition value as markup', () => {
    expect(hostilePage).not.toContain('<img');
    expect(hostilePage).not.toContain('<b>bold</b>');
    expect(hostilePage).not.toContain("<script>alert('");
    expect(hostilePage).not.toContain('</style><script>');
  });

  it('shows them as text', () => {
    expect(hostilePage).toContain('user/&lt;img src=x onerror=alert(1)&gt;');
    expect(hostilePage).toContain('g&quot;&lt;/script&gt;&lt;b&gt;bold&lt;/b&gt;');
    expect(hostilePage).toContain('&lt;/style&gt;&lt;script&gt;alert(&#39;sid&#39;)&lt;/script&gt;');
    expect(hostilePage).toContain('role/dep\\loyer&quot;} -&gt; x [label=&quot;pwn');
  });
});

describe('the principal-can page', () => {
  const bob = principalCanOf(EXAMPLE_SNAPSHOT, { principal: 'user/bob' });
  const page = renderHtml(bob);

  it('merges rows that differ only in the action, and loses no action', () => {
    const rows = auditRows(bob);
    const pageRows = count(page, /<tr data-p="0"/g);
    expect(pageRows).toBeGreaterThan(0);
    expect(pageRows).toBeLessThan(rows.length);
    const tbody = inner(page, 'tbody');
    for (const row of rows) expect(tbody).toContain(row.action);
  });

  it('has an actions column and names the principal and pattern in its title', () => {
    expect(page).toContain('<th>actions</th>');
    expect(page).toContain(`<title>ramguard audit: what can user/bob do of cams:* (account 1234567890123456)</title>`);
  });
});

describe('a large account', () => {
  it(`draws the first ${MAX_GRAPH_PRINCIPALS} principals and still lists all in the table`, () => {
    const snapshot = loadSnapshot(EXAMPLE_SNAPSHOT);
    const extra = Array.from({ length: MAX_GRAPH_PRINCIPALS + 20 }, (_, i) => ({ name: `op-${i}`, groups: ['admins'], attachments: [] }));
    const result = whoCan({ ...snapshot, users: [...snapshot.users, ...extra] }, { action: 'cams:UpdateInstance', resource: 'acs:cams:ap-southeast-1:1234567890123456:instance/stg-7', escalation: false }).result!;
    const page = renderHtml(result);
    expect(count(page, /<option value=/g)).toBe(result.principals.length);
    expect(count(page, /<tr data-p=/g)).toBeGreaterThanOrEqual(result.principals.length);
    // Graph elements name only drawn principals (indices below the cap), and the last user is not drawn.
    const drawnIndices = (inner(page, 'svg[^>]*').match(/data-p="[0-9 ]*"/g) ?? []).flatMap((a) => a.slice(8, -1).split(' ').filter(Boolean).map(Number));
    expect(Math.max(...drawnIndices)).toBe(MAX_GRAPH_PRINCIPALS - 1);
    expect(page).not.toContain(`data-ref="user/op-${extra.length - 1}" tabindex`);
    expect(page).toContain(`The graph draws the first ${MAX_GRAPH_PRINCIPALS} of ${result.principals.length} principals; the table lists them all.`);
  });
});

describe('an answer with nobody', () => {
  it('says so in the graph and the table instead of drawing an empty picture', () => {
    const nobody = whoCanOf(HOSTILE_SNAPSHOT, { action: 'cams:QueryInstance' });
    expect(nobody.principals).toEqual([]);
    const page = renderHtml(nobody);
    expect(page).toContain('Nothing to draw: no principal has this access or can escalate to it.');
    expect(page).not.toContain('<svg');
    expect(page).toContain('<td colspan="5">no principal has this access or can escalate to it</td>');
    expect(page).toContain(`${nobody.examined} of ${nobody.examined} with no access and no escalation (not listed)`);
  });
});
