// claimmark embed module: load it with
//   <script type="module" src="claimmark.js"></script>
// and write <claim-annotator> elements, or `import { mount } from './claimmark.js'`.
//
// Two bundles, each loaded lazily and at most once per page (loading this
// module twice, even under another URL, is harmless): the reader
// (claimmark-reader.js + claimmark-reader_bg.wasm, crates/claimmark-reader)
// for mode="read", the editor (claimmark-demo.js + claimmark-demo_bg.wasm)
// for mode="edit"; a page with only read-mode widgets never requests the
// editor's files. Both export the same mount() and handle. Each mode adds
// the stylesheets it needs once (read: claimmark.css, embed.css; edit:
// also workflow.css, before embed.css). The wasm, its glue and an
// `annotations=` file are requested at once, side by side.
//
// A read-mode element that already holds a prerendered article
// (`.claimmark.cm-prerendered`, written by `claimmark render`) is left
// exactly as it is: no wasm, no stylesheet, data-claimmark="prerendered".
//
// No inline script and no eval: it runs under
// `script-src 'self' 'wasm-unsafe-eval'`. If the wasm cannot load, the
// element's own article text stays as it is and nothing is thrown at the page.
//
// `sync` (edit mode) shares claims live with a desk server; its token only
// in code (`mount` option `token`, or `el.syncToken`). `annotations=` may be
// a desk server's container: its pages are followed.
//
// The only global is `globalThis.claimmark` (bundles, sheets, mount).

const NAMESPACE = 'claimmark';
const ELEMENT = 'claim-annotator';
// Light-DOM children whose text makes the article (text only, never markup).
const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, blockquote, li';
// A prerendered article inside the element (`claimmark render`).
const PRERENDERED = '.claimmark.cm-prerendered';
// The stylesheets in the order they must come in (embed.css last: its
// read-mode rules override the others').
const STYLESHEETS = ['claimmark.css', 'workflow.css', 'embed.css'];

/**
 * What each mode loads. Every file is named by a literal
 * `import('./…')` or `new URL('./…', import.meta.url)`, the forms bundlers
 * (Vite, webpack 5, Rollup, Parcel) recognise and copy, so the npm package
 * works through a bundler as well as copied as it is.
 */
const BUNDLES = {
  read: {
    glue: () => import('./claimmark-reader.js'),
    wasm: () => new URL('./claimmark-reader_bg.wasm', import.meta.url),
    styles: ['claimmark.css', 'embed.css'],
  },
  edit: {
    glue: () => import('./claimmark-demo.js'),
    wasm: () => new URL('./claimmark-demo_bg.wasm', import.meta.url),
    styles: STYLESHEETS,
  },
};
/** Each stylesheet's address (literal, for bundlers). */
const SHEET_URLS = {
  'claimmark.css': () => new URL('./claimmark.css', import.meta.url).href,
  'workflow.css': () => new URL('./workflow.css', import.meta.url).href,
  'embed.css': () => new URL('./embed.css', import.meta.url).href,
};

const shared = (globalThis[NAMESPACE] ??= {});

/** `read` or `edit`, as the wasm reads the `mode` attribute or option (anything but read is edit). */
function modeOf(value) {
  return String(value ?? '').trim().toLowerCase() === 'read' ? 'read' : 'edit';
}

/**
 * Resolves to the `mount` of the mode's bundle once its wasm is
 * instantiated (one instantiation per bundle per page). The glue and the
 * wasm are requested together, not one after the other.
 */
function loaded(mode) {
  const bundle = BUNDLES[mode];
  shared.bundles ??= {};
  shared.bundles[mode] ??= (() => {
    const wasm = fetch(bundle.wasm());
    // Not awaited if the glue fails: no unhandled rejection either way.
    wasm.catch(() => {});
    return bundle.glue().then(async (glue) => {
      await glue.default({ module_or_path: wasm });
      return glue.mount;
    });
  })();
  return shared.bundles[mode];
}

/**
 * Adds the mode's stylesheets to the page, each once and in STYLESHEETS
 * order; resolves when they have loaded (or failed: the widget still
 * works, unstyled), so a widget never shows before its styles.
 */
function addStyles(mode) {
  shared.sheets ??= {};
  return Promise.all(BUNDLES[mode].styles.map((name) => (shared.sheets[name] ??= addSheet(name))));
}

function addSheet(name) {
  const hrefs = STYLESHEETS.map((sheet) => SHEET_URLS[sheet]());
  const present = new Map([...document.querySelectorAll('link[rel=stylesheet]')].map((link) => [link.href, link]));
  const at = STYLESHEETS.indexOf(name);
  if (present.has(hrefs[at])) return Promise.resolve();
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = hrefs[at];
  const settled = new Promise((resolve) => {
    link.addEventListener('load', resolve, { once: true });
    link.addEventListener('error', resolve, { once: true });
  });
  // Before a later sheet already on the page (workflow.css before embed.css).
  const next = hrefs.slice(at + 1).map((href) => present.get(href)).find(Boolean);
  if (next) next.before(link);
  else document.head.append(link);
  return settled;
}

/** How long `mount()` and `ready` wait for a widget to show before they reject. */
const RENDER_TIMEOUT_MS = 30000;

/**
 * Mounts with `mountWasm` (the reader's or the editor's): its handle, and `shown`, which resolves once
 * `host` shows the new widget (a `.claimmark` root that was not there
 * before). The wasm side renders in a microtask and, on a slow machine, may
 * yield to the browser part way, and removes a destroyed widget the same
 * way: neither is done when `mountWasm` returns.
 */
function mountShown(mountWasm, host, options) {
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
 * `docId`, `mode` ('edit' | 'read': the editor or the reader), `storage`
 * ('local' | 'none'; default 'local' in edit mode, 'none' in read mode; the
 * reader keeps nothing), `theme` ('light' | 'dark' | 'auto'), `sync` (a desk
 * server's annotations base) and `token` (its bearer token). Resolves, once
 * the widget is on screen, to a handle with `exportAnnotations()`,
 * `importAnnotations(json)`, `annotations`, `syncStatus` and `destroy()`.
 */
export async function mount(element, options = {}) {
  const mode = modeOf(options.mode);
  const [mountWasm] = await Promise.all([loaded(mode), addStyles(mode)]);
  const { handle, shown } = mountShown(mountWasm, element, { ...options });
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

/** An `annotations=` file; a collection's pages linked by IRI (`first`, `next`; at most 100) are fetched into one. */
async function fetchAnnotations(url) {
  const base = new URL(url, document.baseURI);
  const get = async (at) => JSON.parse(await fetchText(new URL(at, base).href, 'annotations'));
  const text = await fetchText(base.href, 'annotations');
  let json;
  try {
    json = JSON.parse(text);
  } catch {
    return text; // the import says what is wrong
  }
  let page = typeof json?.first === 'string' ? await get(json.first) : json?.first;
  if (![].concat(json?.type).includes('AnnotationCollection') || typeof page?.next !== 'string') return page === json?.first ? text : { ...json, first: page };
  const items = [];
  for (let n = 0; page && n < 100; n += 1) {
    items.push(...(page.items ?? []));
    page = typeof page.next === 'string' ? await get(page.next) : null;
  }
  return { ...json, first: { type: 'AnnotationPage', items } };
}

class ClaimAnnotatorElement extends HTMLElement {
  #handle = null;
  #generation = 0;
  #ready = null;
  #settle = null;
  #syncToken = null;

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

  static observedAttributes = ['src', 'doc-id', 'mode', 'annotations', 'storage', 'theme', 'sync'];

  /** The desk token for `sync` (never an attribute); setting it mounts afresh. */
  set syncToken(token) {
    this.#syncToken = token == null ? null : String(token);
    if (this.isConnected && this.#generation > 0) this.attributeChangedCallback('sync-token', 0, 1);
  }

  /** Desk sync's status, or null. */
  get syncStatus() {
    return this.#handle?.syncStatus ?? null;
  }

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
    if (document.readyState === 'loading') {
      // Upgraded while the page is still parsed: its children are not all there yet.
      await new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
      if (generation !== this.#generation) return;
    }
    const mode = modeOf(this.getAttribute('mode') ?? 'edit');
    if (mode === 'read' && this.#prerendered()) {
      // Written by `claimmark render` with its own stylesheet: nothing to
      // draw or load, and nothing in the element changes.
      this.setAttribute('data-claimmark', 'prerendered');
      this.#settle.resolve(this);
      this.dispatchEvent(new CustomEvent('claimmark-ready', { bubbles: true, composed: true }));
      return;
    }
    // The annotations file is requested now, beside the wasm, not after it.
    const annotationsUrl = this.getAttribute('annotations');
    const annotations = annotationsUrl ? fetchAnnotations(annotationsUrl) : null;
    annotations?.catch(() => {});
    try {
      const src = this.getAttribute('src');
      const [text, mountWasm] = await Promise.all([
        src ? fetchText(src, 'src') : articleText(this),
        loaded(mode),
        addStyles(mode),
      ]);
      if (generation !== this.#generation) return;
      const { handle, shown } = mountShown(mountWasm, this, {
        text,
        docId: this.getAttribute('doc-id') ?? undefined,
        mode,
        // Default: localStorage in edit mode, memory only in read mode.
        storage: this.getAttribute('storage') ?? undefined,
        theme: this.getAttribute('theme') ?? 'auto',
        sync: this.getAttribute('sync') ?? undefined,
        token: this.#syncToken ?? undefined,
      });
      this.#handle = handle;
      await shown;
      if (generation !== this.#generation) return;
      this.setAttribute('data-claimmark', 'ready');
      if (annotations) {
        const json = await annotations;
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

  /** The prerendered article among the element's own children, if any. */
  #prerendered() {
    return [...this.querySelectorAll(PRERENDERED)].some((el) => !el.closest('.cm-embed'));
  }

  #stop() {
    this.#handle?.destroy();
    this.#handle = null;
    this.removeAttribute('data-claimmark');
    this.#reset();
  }

  #widget() {
    if (!this.#handle && this.getAttribute('data-claimmark') === 'prerendered') {
      throw new Error('claimmark: this article is prerendered (claimmark render): it has no widget, so no annotations to export or import');
    }
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
