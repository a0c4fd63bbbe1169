// Detecting script execution in the page under test, for the XSS corpus
// (e2e/xss/payloads.mjs). Reusable by any e2e test:
//
//   const detector = await installDetector(page);   // before page.goto
//   ... feed payloads ...
//   await detector.assertClean('after notes');       // 0 executions, 0 bad links
//
// Three independent signals of execution: a dialog handler (alert/confirm/
// prompt are dismissed and counted), the sentinel global `window.__xss` that
// every payload sets, and `securitypolicyviolation` events under a
// report-only CSP that allows only the page's own (nonced) scripts — an
// injected <script>, inline handler or javascript: URL reports a violation
// even where it would not run. Plus a scan of the widget's DOM: no
// javascript:/data:/vbscript: in href/src/action/formaction/xlink:href/
// srcdoc, no on* attribute, no script/iframe/object/embed/base/meta element.

import assert from 'node:assert/strict';

const NONCE = 'claimmark-e2e-xss';
export const CSP = `script-src 'nonce-${NONCE}' 'strict-dynamic' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'`;

/**
 * Watches `page` for executions. Call before the first navigation. The
 * document responses of `page` get the report-only CSP and a nonce on their
 * own <script> tags.
 */
export async function installDetector(page) {
  const dialogs = [];
  page.on('dialog', async (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss().catch(() => {});
  });
  await page.addInitScript(() => {
    window.__xss = 0;
    window.__xssViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__xssViolations.push(`${e.violatedDirective} ${e.blockedURI} ${(e.sample || '').slice(0, 80)}`);
    });
  });
  await page.route(
    (url) => url.pathname === '/' || url.pathname.endsWith('.html'),
    async (route) => {
      if (route.request().resourceType() !== 'document') return route.fallback();
      const response = await route.fetch();
      const body = (await response.text()).replace(/<script(?=[\s>])/g, `<script nonce="${NONCE}"`);
      await route.fulfill({
        response,
        body,
        headers: { ...response.headers(), 'content-security-policy-report-only': CSP },
      });
    },
  );
  return {
    dialogs,
    /** Executions and dangerous DOM seen so far: { dialogs, sentinel, violations, dom }. */
    async findings(root = '.claimmark') {
      const page_ = await page.evaluate((root) => {
        const bad = [];
        const scheme = /^(javascript|data|vbscript):/i;
        const clean = (v) => v.replace(/[\u0000-\u0020\u007f-\u00a0]+/g, '');
        for (const top of document.querySelectorAll(root)) {
          for (const el of [top, ...top.querySelectorAll('*')]) {
            const tag = el.localName;
            if (['script', 'iframe', 'object', 'embed', 'base', 'meta', 'frame', 'frameset'].includes(tag)) bad.push(`<${tag}> element`);
            for (const attr of el.attributes) {
              const name = attr.name.toLowerCase();
              if (name.startsWith('on')) bad.push(`<${tag} ${name}>`);
              if (['href', 'src', 'action', 'formaction', 'xlink:href', 'srcdoc', 'data', 'poster', 'background'].includes(name)
                && scheme.test(clean(attr.value))) bad.push(`<${tag} ${name}="${attr.value.slice(0, 60)}">`);
            }
          }
        }
        return { sentinel: window.__xss, violations: [...window.__xssViolations], dom: bad };
      }, root);
      return { dialogs: [...dialogs], ...page_ };
    },
    /** Fails unless nothing ran and the widget's DOM holds nothing dangerous. */
    async assertClean(where, root = '.claimmark') {
      const f = await this.findings(root);
      assert.deepEqual(f.dialogs, [], `${where}: no dialog opened`);
      assert.equal(f.sentinel, 0, `${where}: the sentinel window.__xss was never set`);
      assert.deepEqual(f.violations, [], `${where}: no CSP violation reported`);
      assert.deepEqual(f.dom, [], `${where}: no on* attribute, script-ish element or javascript:/data: link in the widget`);
    },
  };
}
