// TypeScript declarations for claimmark's embed module (claimmark.js): the
// <claim-annotator> element, `mount()`, the handle both give, the events
// and the import summary. Annotations are W3C Web Annotation JSON-LD.

/** How sure the fact-checker is of a claim. */
export type Certainty = 'confirmed' | 'unclear' | 'unconfirmed';

/** One W3C Web Annotation as claimmark writes it (other properties may follow). */
export interface Annotation {
  '@context'?: string | unknown[];
  id: string;
  type: 'Annotation';
  motivation?: string;
  created?: string;
  modified?: string;
  body?: unknown;
  target: unknown;
  [property: string]: unknown;
}

/** A W3C AnnotationCollection with its first page inline, as `exportAnnotations()` returns it. */
export interface AnnotationCollection {
  '@context': string | unknown[];
  id?: string;
  type: 'AnnotationCollection';
  total?: number;
  first: { id?: string; type: 'AnnotationPage'; startIndex?: number; items: Annotation[] };
  [property: string]: unknown;
}

/** What `importAnnotations()` did. Nothing is changed by refused items. */
export interface ImportSummary {
  /** Claims new to this widget. */
  added: number;
  /** Claims replaced by a newer version from the file. */
  updated: number;
  /** Claims the widget already had as they are. */
  unchanged: number;
  /** Imported claims whose text is not in the article (kept, listed as orphans). */
  orphaned: number;
  /** Refused items, by their index in the input, with the reason. */
  rejected: Array<{ index: number; reason: string }>;
  [property: string]: unknown;
}

/** Options of `mount()`; the same settings as the element's attributes. */
export interface MountOptions {
  /** The article as plain text (paragraphs separated by blank lines). */
  text: string;
  /** The storage key of the article (default: a hash of the text). */
  docId?: string;
  /** 'edit' (default) or 'read'. */
  mode?: 'edit' | 'read';
  /** 'local' (localStorage; the default in edit mode) or 'none' (memory only; the default in read mode). */
  storage?: 'local' | 'none';
  /** 'auto' (the reader's system setting; default), 'light' or 'dark'. */
  theme?: 'auto' | 'light' | 'dark';
  /**
   * Edit mode: a desk server's annotations base (`https://…/annotations/`);
   * the article's container is `{sync}{docId}/`. Changes are kept locally
   * first and sent when there is a connection; others' edits come in live.
   */
  sync?: string;
  /** The desk token for `sync` (only here, never in an attribute). */
  token?: string;
}

/** Desk sync's status, as the chip shows it. */
export interface SyncStatus {
  state: 'synced' | 'syncing' | 'offline' | 'attention';
  /** The chip's words, e.g. "Offline (3 changes waiting)". */
  label: string;
  /** Offline: how many changes wait to be sent. */
  waiting?: number;
  /** Needs attention: why, e.g. "token refused (401)" or "this token may only read (403)". */
  why?: string;
}

/** A mounted widget: what `mount()` resolves to and what the element forwards. */
export interface ClaimmarkHandle {
  /** The claims as a W3C AnnotationCollection. */
  exportAnnotations(): AnnotationCollection;
  /** Merges W3C annotations (an object or JSON text) by id; returns what was done. */
  importAnnotations(json: string | object): ImportSummary;
  /** The claims as W3C annotations. */
  readonly annotations: Annotation[];
  /** Desk sync's status, or null without `sync`. */
  readonly syncStatus: SyncStatus | null;
  /** Removes the widget and its listeners. */
  destroy(): void;
}

/** Detail of the `claimmark-change` event: one claim created, edited or deleted. */
export interface ClaimmarkChangeDetail {
  action: 'create' | 'edit' | 'delete';
  /** The claim's id (a UUID). */
  id: string;
}

/**
 * <claim-annotator src? doc-id? mode? annotations? storage? theme? sync?>: the
 * article is its block children's text (or `src`); `annotations` is a URL of
 * W3C JSON to import (a file, or a desk server's container of a public
 * article, whose pages are followed); `sync` syncs an editor with a desk
 * server, its token set in code through `syncToken`. A child `.claimmark.cm-prerendered` (from `claimmark
 * render`) is kept as it is and no code is loaded; its API methods then throw.
 */
export interface ClaimAnnotatorElement extends HTMLElement {
  /** Resolves once the widget is on screen (rejects when it cannot load). */
  readonly ready: Promise<ClaimAnnotatorElement>;
  exportAnnotations(): AnnotationCollection;
  importAnnotations(json: string | object): ImportSummary;
  readonly annotations: Annotation[];
  /** The desk token for `sync` (write-only, never an attribute); setting it mounts afresh. */
  syncToken: string | null;
  /** Desk sync's status, or null without `sync`. */
  readonly syncStatus: SyncStatus | null;
}

/** Mounts a widget inside `element`; resolves once it is on screen. */
export function mount(element: Element, options: MountOptions): Promise<ClaimmarkHandle>;

/** The article an element's light-DOM children hold: block texts, blank-line separated. */
export function articleText(element: Element): string;

declare global {
  interface HTMLElementTagNameMap {
    'claim-annotator': ClaimAnnotatorElement;
  }
  interface HTMLElementEventMap {
    'claimmark-change': CustomEvent<ClaimmarkChangeDetail>;
    'claimmark-ready': Event;
    /** Desk sync's status changed (bubbles, composed). */
    'claimmark-sync': CustomEvent<SyncStatus>;
  }
}
