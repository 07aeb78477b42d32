/**
 * The lifecycle every headless-Chromium test file shares: before its tests, Chromium found (or
 * installed, `ensureTool`), a temporary directory written with the file's pages and the browser
 * launched; after them, the browser closed and the directory removed; when no Chromium can be had,
 * every test of the file skipped with the reason (said once on the console).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, type TestContext } from 'vitest';
import { ensureTool, launchChromium, type Tool } from './system-tools.js';

/** The browser and the pages of one test file, set once its `beforeAll` has run. */
export interface ChromiumPages {
  /** The launched browser (tests run only when there is one). */
  readonly browser: Browser;
  /** The directory the pages were written to. */
  readonly dir: string;
  /** A page's `file:` URL, with an optional `#…` part. */
  url(name: string, hash?: string): string;
}

/**
 * Registers the file's hooks. `what` names the tests in the skip message; `pages` gives each page's
 * file name and HTML, asked for only when Chromium is there; `ready` runs last in `beforeAll`.
 */
export function useChromiumPages(what: string, prefix: string, pages: () => Record<string, string>, ready?: (pages: ChromiumPages) => Promise<void>): ChromiumPages {
  let chromium: Tool = { missing: 'not looked for yet' };
  let dir = '';
  let browser: Browser | undefined;
  const handle: ChromiumPages = {
    get browser() {
      return browser!;
    },
    get dir() {
      return dir;
    },
    url: (name, hash = '') => `${pathToFileURL(join(dir, name)).href}${hash}`,
  };

  beforeAll(async () => {
    chromium = await ensureTool('chromium');
    if ('missing' in chromium) return;
    dir = mkdtempSync(join(tmpdir(), prefix));
    for (const [name, html] of Object.entries(pages())) writeFileSync(join(dir, name), html);
    browser = await launchChromium(chromium.path);
    await ready?.(handle);
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  let warned = false;
  beforeEach((context: TestContext) => {
    if ('missing' in chromium) {
      if (!warned) console.warn(`skipped: ${what}: ${chromium.missing}`);
      warned = true;
      context.skip(chromium.missing);
    }
  });

  return handle;
}
