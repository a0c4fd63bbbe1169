// claimmark embed module: load it with
//   <script type="module" src="claimmark.js"></script>
// and write <claim-annotator> elements, or `import { mount } from './claimmark.js'`.
//
// It loads the wasm once per page (loading this module twice, even under
// another URL, is harmless), adds the widget's stylesheet once, and defines
// <claim-annotator>. No inline script and no eval: it runs under
// `script-src 'self' 'wasm-unsafe-eval'`. If the wasm cannot load, the
// element's own article text stays as it is and nothing is thrown at the page.
//
// The only global is `globalThis.claimmark` (loaded, mount).

import init, { mount as mountWasm } from './claimmark-demo.js';

const NAMESPACE = 'claimmark';
const ELEMENT = 'claim-annotator';
// Light-DOM children whose text makes the article (text only, never markup).
const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, blockquote, li';

const shared = (globalThis[NAMESPACE] ??= {});

/** Resolves once the wasm is instantiated (one instantiation per page). */
function loaded() {
  shared.loaded ??= init({ module_or_path: new URL('./claimmark-demo_bg.wasm', import.meta.url) }).then(
    () => undefined,
  );
  return shared.loaded;
}

/** Adds the widget's stylesheets (claimmark.css, workflow.css, embed.css) to the page once. */
function addStyles() {
  if (shared.styled) return;
  shared.styled = true;
  const present = new Set([...document.querySelectorAll('link[rel=stylesheet]')].map((link) => link.href));
  for (const name of ['claimmark.css', 'workflow.css', 'embed.css']) {
    const href = new URL(`./${name}`, import.meta.url).href;
    if (present.has(href)) continue;
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = href;
    document.head.append(link);
  }
}

/** How long `mount()` and `ready` wait for a widget to show before they reject. */
const RENDER_TIMEOUT_MS = 30000;

/**
 * Mounts with `mountWasm`: its handle, and `shown`, which resolves once
 * `host` shows the new widget (a `.claimmark` root that was not there
 * before). The wasm side renders in a microtask and, on a slow machine, may
 * yield to the browser part way, and removes a destroyed widget the same
 * way: neither is done when `mountWasm` returns.
 */
function mountShown(host, options) {
  const earlier = new Set(host.querySelectorAll('.claimmark'));
  const handle = mountWasm(host, options);
  return { handle, shown: onScreen(host, earlier) };
}

function onScreen(host, earlier) {
  const shown = () => [...host.querySelectorAll('.claimmark')].some((root) => !earlier.has(root));
  if (shown()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const observer = new MutationObserver(() => {
      if (!shown()) return;
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    });
    const timer = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`claimmark: the widget did not show within ${RENDER_TIMEOUT_MS / 1000} s`));
    }, RENDER_TIMEOUT_MS);
    observer.observe(host, { childList: true, subtree: true });
  });
}

/**
 * Mounts a widget inside `element` (configured in code). Options: `text`,
 * `docId`, `mode` ('edit' | 'read'), `storage` ('local' | 'none'; default
 * 'local' in edit mode, 'none' in read mode), `theme`
 * ('light' | 'dark' | 'auto'). Resolves, once the widget is on screen, to a
 * handle with `exportAnnotations()`, `importAnnotations(json)`, `annotations`
 * and `destroy()`.
 */
export async function mount(element, options = {}) {
  await loaded();
  addStyles();
  const { handle, shown } = mountShown(element, { ...options });
  try {
    await shown;
  } catch (error) {
    handle.destroy();
    throw error;
  }
  return handle;
}

/** The article of an element's light-DOM children: block texts, blank-line separated. */
export function articleText(element) {
  const blocks = [...element.querySelectorAll(BLOCKS)].filter(
    (block) => !block.closest('.cm-embed') && !block.parentElement.closest(BLOCKS),
  );
  const texts = blocks.map((block) => block.textContent.replace(/\s+/g, ' ').trim()).filter(Boolean);
  if (texts.length > 0) return texts.join('\n\n');
  return element.textContent.trim();
}

async function fetchText(url, kind) {
  const response = await fetch(new URL(url, document.baseURI));
  if (!response.ok) throw new Error(`${kind} ${url}: HTTP ${response.status}`);
  return response.text();
}

class ClaimAnnotatorElement extends HTMLElement {
  #handle = null;
  #generation = 0;
  #ready = null;
  #settle = null;

  constructor() {
    super();
    this.#reset();
  }

  #reset() {
    this.#ready = new Promise((resolve, reject) => {
      this.#settle = { resolve, reject };
    });
    // A page that never awaits `ready` must not see an unhandled rejection.
    this.#ready.catch(() => {});
  }

  /** Resolves when the widget is on screen (rejects when it cannot load). */
  get ready() {
    return this.#ready;
  }

  static observedAttributes = ['src', 'doc-id', 'mode', 'annotations', 'storage', 'theme'];

  connectedCallback() {
    this.#start(++this.#generation);
  }

  /** A changed setting mounts the widget afresh (what is stored stays). */
  attributeChangedCallback(name, before, after) {
    if (before === after || !this.isConnected || this.#generation === 0) return;
    this.#generation += 1;
    this.#stop();
    this.#start(this.#generation);
  }

  disconnectedCallback() {
    this.#generation += 1;
    this.#stop();
  }

  async #start(generation) {
    try {
      const src = this.getAttribute('src');
      const [text] = await Promise.all([src ? fetchText(src, 'src') : articleText(this), loaded()]);
      if (generation !== this.#generation) return;
      addStyles();
      const { handle, shown } = mountShown(this, {
        text,
        docId: this.getAttribute('doc-id') ?? undefined,
        mode: this.getAttribute('mode') ?? 'edit',
        // Default: localStorage in edit mode, memory only in read mode.
        storage: this.getAttribute('storage') ?? undefined,
        theme: this.getAttribute('theme') ?? 'auto',
      });
      this.#handle = handle;
      await shown;
      if (generation !== this.#generation) return;
      this.setAttribute('data-claimmark', 'ready');
      const annotations = this.getAttribute('annotations');
      if (annotations) {
        const json = await fetchText(annotations, 'annotations');
        if (generation !== this.#generation) return;
        this.#handle.importAnnotations(json);
      }
      this.#settle.resolve(this);
      this.dispatchEvent(new CustomEvent('claimmark-ready', { bubbles: true, composed: true }));
    } catch (error) {
      if (generation !== this.#generation) return;
      // The article's own text stays readable; the page carries on.
      if (!this.#handle) this.setAttribute('data-claimmark', 'failed');
      this.#settle.reject(error);
      console.warn(`claimmark: ${error?.message ?? error}`);
    }
  }

  #stop() {
    this.#handle?.destroy();
    this.#handle = null;
    this.removeAttribute('data-claimmark');
    this.#reset();
  }

  #widget() {
    if (!this.#handle) throw new Error('claimmark: the widget is not ready (await element.ready)');
    return this.#handle;
  }

  /** The claims as a W3C AnnotationCollection (an object). */
  exportAnnotations() {
    return this.#widget().exportAnnotations();
  }

  /** Merges W3C annotations (object or JSON text); returns the summary. */
  importAnnotations(json) {
    return this.#widget().importAnnotations(json);
  }

  /** The claims as W3C annotations. */
  get annotations() {
    return this.#widget().annotations;
  }
}

if (!customElements.get(ELEMENT)) {
  customElements.define(ELEMENT, ClaimAnnotatorElement);
}
shared.mount ??= mount;
