/**
 * The html page in headless Chromium (Debian's, installed by ensureTool when missing, driven by
 * playwright-core): the DOM after the page's script ran shows every principal and path, the
 * script ran under the page's own CSP, the `#principal=` filter hides the others, hostile names
 * stay text, and the page paints. When no Chromium can be had, these tests alone are skipped
 * with the reason.
 */
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/audit/render/html.js';
import { escapeHtml } from '../../src/audit/render/html-escape.js';
import { EXAMPLE_SNAPSHOT, HOSTILE_SNAPSHOT, whoCanOf } from './fixtures.js';
import { useChromiumPages } from './chromium-pages.js';

const example = whoCanOf(EXAMPLE_SNAPSHOT, { action: 'cams:UpdateInstance', allResources: true });
const hostile = whoCanOf(HOSTILE_SNAPSHOT, { action: 'cams:UpdateInstance' });

const chrome = useChromiumPages('headless Chromium tests of --format html', 'ramguard-html-', () => ({ 'example.html': renderHtml(example), 'hostile.html': renderHtml(hostile) }));

const pageUrl = chrome.url;

/** The DOM after the page's script ran, serialised (as `chromium --dump-dom` prints it). */
async function dumpDom(name: string, hash = ''): Promise<string> {
  const page = await chrome.browser.newPage();
  try {
    await page.goto(pageUrl(name, hash));
    return await page.content();
  } finally {
    await page.close();
  }
}

/** The opening tags of table rows and graph principals in a serialised DOM. */
const rowTags = (dom: string) => dom.match(/<tr data-p="\d+"[^>]*>/g) ?? [];
const principalNodeTag = (dom: string, ref: string) => new RegExp(`<g class="node k-(user|role)[^"]*" data-p="[^"]*" data-ref="${escapeRegExp(escapeHtml(ref))}"`).exec(dom)?.[0];
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('the html page in headless Chromium', () => {
  it('runs its script under its own CSP and shows every principal with its paths', async () => {
    const dom = await dumpDom('example.html');
    expect(dom).toMatch(/<html lang="en" data-filter-count="7" data-ready="true">/);
    expect(dom).toContain(`<span id="shown">showing ${example.principals.length} of ${example.principals.length} principals</span>`);
    for (const access of example.principals) {
      const ref = access.principal.ref;
      expect(rowTags(dom).filter((t) => t.includes(`data-ref="${escapeHtml(ref)}"`)).length, ref).toBeGreaterThan(0);
      expect(principalNodeTag(dom, ref), `graph node of ${ref}`).toBeDefined();
    }
    expect(rowTags(dom).some((t) => t.includes('hidden'))).toBe(false);
    // Paths as the table prints them, and the nodes they run through in the graph.
    expect(dom).toContain('user/ci-bot → assumes role deployer → AliyunCamsFullAccess [System] → /Statement/0');
    expect(dom).toContain('user/bob → group developers → cams-staging-admin v1 [Custom] → in resource group rg-staging → /Statement/0');
    for (const label of ['group/developers', 'role/deployer', 'cams-operator (v2)', 'ram:CreateLoginProfile → user/ci-bot']) expect(dom).toContain(`>${escapeHtml(label)}</text>`);
  });

  it('filters to one principal from #principal= in the address', async () => {
    const dom = await dumpDom('example.html', '#principal=user%2Falice');
    expect(dom).toContain('data-filter-count="1"');
    expect(dom).toContain('<span id="shown">showing 1 of 7 principals</span>');
    const rows = rowTags(dom);
    for (const row of rows) expect(row.includes('hidden'), row).toBe(!row.includes('data-ref="user/alice"'));
    expect(principalNodeTag(dom, 'user/alice')).not.toContain('filtered-out');
    expect(principalNodeTag(dom, 'user/bob')).toContain('filtered-out');
    expect(dom).toMatch(/<g class="node k-target" data-p=""/);
  });

  it('survives a malformed address: the filter takes the text as typed', async () => {
    const dom = await dumpDom('example.html', '#principal=%E0%A4%A');
    expect(dom).toContain('data-ready="true"');
    expect(dom).toContain('<span id="shown">showing 0 of 7 principals</span>');
  });

  it('keeps hostile names as text: no element comes out of them', async () => {
    const dom = await dumpDom('hostile.html');
    expect(dom).toContain('data-ready="true"');
    expect(dom).not.toMatch(/<img\b/);
    expect(dom).not.toMatch(/<b>/);
    expect(dom.match(/<script\b/g)).toHaveLength(1);
    expect(dom).toContain('user/&lt;img src=x onerror=alert(1)&gt;');
    for (const access of hostile.principals) expect(principalNodeTag(dom, access.principal.ref), access.principal.ref).toBeDefined();
  });

  it('paints the page: a screenshot with the graph and table in it', async () => {
    const page = await chrome.browser.newPage({ viewport: { width: 1400, height: 1200 } });
    const png = await page.goto(pageUrl('example.html')).then(() => page.screenshot());
    await page.close();
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1400);
    // A blank page of this size compresses to a few KB; text, boxes and curves do not.
    expect(png.length).toBeGreaterThan(50_000);
  });
});
