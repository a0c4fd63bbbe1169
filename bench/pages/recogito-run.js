// make bench: creates @recogito/text-annotator over #article with the
// page's W3C annotations and reports when every highlight is painted.
//
// Recogito indexes every annotation (a DOM Range and its client rects in
// an R-tree) and paints only those that intersect the viewport; "painted"
// here is its first redraw after setAnnotations (its `onRedraw` event),
// checked against the viewport's expected highlights, then a double rAF.
// ?renderer=SPANS (default: absolutely positioned spans, DOM) or
// ?renderer=CSS_HIGHLIGHTS (CSS Custom Highlight API, experimental).
(() => {
  const bench = (window.__bench = window.__bench || {});
  const params = new URLSearchParams(location.search);
  const renderer = params.get('renderer') || 'SPANS';
  const COLORS = { confirmed: '#009e73', unclear: '#e69f00', unconfirmed: '#d55e00' };
  const certaintyOf = (annotation) =>
    (annotation.bodies || []).find((b) => b.purpose === 'assessing')?.value || 'unclear';

  bench.scriptStart = performance.now();
  const annotations = JSON.parse(document.getElementById('annotations').textContent);
  bench.parsed = performance.now();
  const container = document.getElementById('article');
  const anno = RecogitoJS.createTextAnnotator(container, {
    renderer,
    adapter: RecogitoJS.W3CTextFormat('bench', container),
    style: (annotation) => ({
      fill: COLORS[certaintyOf(annotation)],
      fillOpacity: 0.22,
      underlineColor: COLORS[certaintyOf(annotation)],
      underlineThickness: 2,
    }),
  });
  bench.anno = anno;
  bench.expected = annotations.length;
  let finished = false;
  const inView = () => {
    const { minX, minY, maxX, maxY } = RecogitoJS.getViewportBounds(container);
    return new Set(anno.state.store.getIntersecting(minX, minY, maxX, maxY).map((h) => h.annotation.id));
  };
  const paintedIds = () =>
    renderer === 'CSS_HIGHLIGHTS'
      ? new Set([...CSS.highlights.keys()].map((k) => k.slice(1)))
      : new Set([...container.querySelectorAll('.r6o-annotation')].map((s) => s.dataset.annotation));
  anno.renderer.on('onRedraw', () => {
    if (finished) return;
    const want = inView();
    const have = paintedIds();
    if ([...want].some((id) => !have.has(id))) return; // not this redraw yet
    finished = true;
    bench.redrawn = performance.now();
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        bench.painted = performance.now();
        const all = anno.getAnnotations();
        bench.loaded = all.length;
        bench.indexed = all.filter((a) => anno.state.store.getAnnotationBounds(a.id)).length;
        bench.inView = want.size;
        bench.paintedInView = have.size;
        bench.paintElements = container.querySelectorAll('.r6o-annotation').length;
        bench.done = true;
      }),
    );
  });
  anno.setAnnotations(annotations, true);
  bench.set = performance.now();
})();
