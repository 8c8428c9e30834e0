import type { PreviewDocument, PreviewState } from '../state.js';
import { DocumentView } from './document-view.js';
import { renderIndex } from './index-list.js';
import { documentNameFromFragment } from './fragment.js';

/**
 * The preview page: listens to the server's build events and redraws the index and the
 * open document in place (never a reload), so the reader keeps their page and scroll.
 */
const view = new DocumentView(byId('pages'), byId('overlay'), byId('document-title'));
let state: PreviewState | undefined;

/** The document named in the address (`#mali`), else the first one. */
function openDocument(current: PreviewState): PreviewDocument | undefined {
  const wanted = documentNameFromFragment(location.hash);
  return current.documents.find((document) => document.name === wanted) ?? current.documents[0];
}

function show(): void {
  if (state === undefined) return;
  const open = openDocument(state);
  renderIndex(byId('index'), state, open?.name);
  view.show(open);
}

const events = new EventSource('/events');
let reconnected = false;
events.addEventListener('state', (event) => {
  state = JSON.parse((event as MessageEvent<string>).data) as PreviewState;
  byId('connection').hidden = true;
  // A preview started again counts its builds from 1: the page cannot trust the versions it drew.
  if (reconnected) view.forgetVersion();
  reconnected = false;
  show();
});
events.addEventListener('error', () => {
  byId('connection').hidden = false;
  reconnected = true;
});
window.addEventListener('hashchange', show);

function byId(id: string): HTMLElement {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`the preview page has no #${id}`);
  return element;
}
