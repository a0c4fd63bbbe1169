// The XSS corpus: a committed list of base payloads plus systematic variants
// (no randomness), so every run tries the same strings. Each payload, if it
// ever ran, would set the sentinel `window.__xss` and/or open a dialog;
// e2e/xss/detect.mjs watches for both and for CSP violations.
//
// PAYLOADS (≥ 300 strings) is what the tests iterate over; URL_PAYLOADS are
// the scheme tricks meant for places that take a link.

const JS = 'window.__xss=1;alert(1)';

/** Hand-written payloads: markup, attribute breaks, scheme links, parser quirks. */
export const BASE = [
  `<script>${JS}</script>`,
  `<SCRIPT>${JS}</SCRIPT>`,
  `<script src="data:text/javascript,${JS}"></script>`,
  `<img src=x onerror="${JS}">`,
  `<img src=x onerror=${JS}>`,
  `<IMG SRC=x ONERROR=${JS}>`,
  `<img/src/onerror=${JS}>`,
  `<svg onload=${JS}>`,
  `<svg><script>${JS}</script></svg>`,
  `<svg><animate onbegin=${JS} attributeName=x dur=1s>`,
  `<math><mtext><table><mglyph><style><img src=x onerror=${JS}>`,
  `<body onload=${JS}>`,
  `<iframe src="javascript:${JS}"></iframe>`,
  `<iframe srcdoc="<script>parent.${JS}</script>"></iframe>`,
  `<object data="javascript:${JS}"></object>`,
  `<embed src="javascript:${JS}">`,
  `<a href="javascript:${JS}">click</a>`,
  `<a href="JaVaScRiPt:${JS}">click</a>`,
  `<a href="&#106;avascript:${JS}">click</a>`,
  `<a href="data:text/html,<script>${JS}</script>">click</a>`,
  `<form action="javascript:${JS}"><button>go</button></form>`,
  `<button formaction="javascript:${JS}">go</button>`,
  `<input autofocus onfocus=${JS}>`,
  `<details open ontoggle=${JS}>`,
  `<video><source onerror=${JS}></video>`,
  `<audio src=x onerror=${JS}>`,
  `<marquee onstart=${JS}>x</marquee>`,
  `<div style="background:url(javascript:${JS})">x</div>`,
  `<style>@import "javascript:${JS}";</style>`,
  `<link rel=stylesheet href="javascript:${JS}">`,
  `<meta http-equiv="refresh" content="0;url=javascript:${JS}">`,
  `<base href="javascript:${JS}//">`,
  `<template><img src=x onerror=${JS}></template>`,
  `<noscript><p title="</noscript><img src=x onerror=${JS}>">`,
  `<xmp><img src=x onerror=${JS}></xmp>`,
  `<textarea></textarea><img src=x onerror=${JS}>`,
  `<title></title><img src=x onerror=${JS}>`,
  `"><img src=x onerror=${JS}>`,
  `'><img src=x onerror=${JS}>`,
  `" onmouseover="${JS}" x="`,
  `' onfocus='${JS}' autofocus x='`,
  `\`><img src=x onerror=${JS}>`,
  `</script><script>${JS}</script>`,
  `<!--<img src=x onerror=${JS}>-->`,
  `--><img src=x onerror=${JS}>`,
  `<![CDATA[<img src=x onerror=${JS}>]]>`,
  `{{constructor.constructor('${JS}')()}}`,
  `\${${JS}}`,
  `javascript:${JS}`,
  `JAVASCRIPT:${JS}`,
  ` javascript:${JS}`,
  `java\tscript:${JS}`,
  `java\nscript:${JS}`,
  `vbscript:msgbox(1)`,
  `data:text/html,<script>${JS}</script>`,
  `data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==`,
  `data:image/svg+xml,<svg onload=${JS}>`,
  `&lt;img src=x onerror=${JS}&gt;`,
  `%3Cimg%20src%3Dx%20onerror%3D${encodeURIComponent(JS)}%3E`,
  `\\u003cimg src=x onerror=${JS}\\u003e`,
  `<img src=x onerror=eval(atob('d2luZG93Ll9feHNzPTE='))>`,
  `<a href=# onclick=${JS}>x</a>`,
  `<p onmouseenter=${JS}>hover</p>`,
  `<select autofocus onfocus=${JS}>`,
  `<keygen autofocus onfocus=${JS}>`,
  `<isindex type=image src=1 onerror=${JS}>`,
  `<frameset onload=${JS}>`,
  `<table background="javascript:${JS}">`,
  `<svg><a xlink:href="javascript:${JS}"><text x=20 y=20>x</text></a></svg>`,
  `<svg><use href="data:image/svg+xml,<svg id=x onload=${JS}>#x"/></svg>`,
  `<img src="x" onerror="&#x77;indow.__xss=1">`,
  `<scr<script>ipt>${JS}</scr</script>ipt>`,
  `<<script>${JS};//<</script>`,
  `\u202e<img src=x onerror=${JS}>`,
  `\u202eevil\u202c safe \u2066isolated\u2069`,
  `\u0000<script>${JS}</script>`,
  `<script\u0000>${JS}</script>`,
  `<img src=x onerror=${JS}\u00a0>`,
  `𝒳<img src=x onerror=${JS}>🙂`,
];

/** Variants applied to every base payload (deterministic). */
const VARIANTS = [
  (p) => p,
  (p) => `Officials said ${p} on Tuesday.`,
  (p) => `"${p}"`,
  (p) => p.replace(/</g, '\u003c').toUpperCase(),
];

export const PAYLOADS = [...new Set(BASE.flatMap((p) => VARIANTS.map((v) => v(p))))];

/** Scheme tricks for fields that take a link. */
export const URL_PAYLOADS = PAYLOADS.filter((p) => /script:|data:|vbscript:/i.test(p)).concat([
  'https://example.org/"><img src=x onerror=window.__xss=1>',
  "https://example.org/'onmouseover='window.__xss=1",
  'https://example.org/#<script>window.__xss=1</script>',
  'http://127.0.0.1/?q=<svg onload=window.__xss=1>',
]);

if (PAYLOADS.length < 300) throw new Error(`the corpus has only ${PAYLOADS.length} payloads`);
