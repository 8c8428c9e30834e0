import type { PreviewDocument, PreviewError, PreviewState } from '../state.js';
import { element, moreErrors } from './dom.js';

/** The index: every document with its status, pages and room left, and every problem of the last build. */
export function renderIndex(index: HTMLElement, state: PreviewState, open: string | undefined): void {
  const summary = index.querySelector('#summary');
  const list = index.querySelector('#documents');
  const problems = index.querySelector<HTMLElement>('#problems');
  if (summary === null || list === null || problems === null) return;
  const failed = state.documents.filter((document) => document.status === 'failed').length;
  summary.textContent =
    state.build === 0
      ? 'Building…'
      : `${state.documents.length} documents${failed > 0 ? `, ${failed} failed` : ''} · build ${state.build} took ${state.seconds.toFixed(2)} s${state.watching ? ' · watching for saves' : ''}`;
  summary.toggleAttribute('data-watching', state.watching);
  // One by one: an output folder may hold thousands of documents (no spread onto the call stack).
  const items = document.createDocumentFragment();
  for (const shown of state.documents) items.append(documentItem(shown, shown.name === open));
  list.replaceChildren(items);
  problems.hidden = state.errors.total === 0;
  problems.querySelector('ul')?.replaceChildren(...state.errors.shown.map(problemItem), ...moreErrors(state.errors));
}

function documentItem(document: PreviewDocument, open: boolean): HTMLLIElement {
  const item = element('li');
  item.dataset['document'] = document.name;
  item.dataset['status'] = document.status;
  if (open) item.setAttribute('aria-current', 'true');
  const link = element('a', document.name);
  link.href = `#${encodeURIComponent(document.name)}`;
  const facts = [
    document.status,
    document.pages === undefined ? undefined : `${document.pages} ${document.pages === 1 ? 'page' : 'pages'}`,
    document.roomLeftMm === undefined ? undefined : roomLeft(document.roomLeftMm),
  ].filter((fact) => fact !== undefined);
  item.append(link, element('span', facts.join(' · '), 'facts'));
  const first = document.errors.shown[0];
  if (first !== undefined)
    item.append(
      element(
        'span',
        document.errors.total === 1 ? first.message : `${first.message} (+${document.errors.total - 1} more)`,
        'problem',
      ),
    );
  return item;
}

/** Room left on a one-pager: what is free at the foot of the page, or by how much it overflows. */
function roomLeft(mm: number): string {
  return mm >= 0 ? `${mm.toFixed(0)} mm left` : `${(-mm).toFixed(0)} mm over`;
}

function problemItem(error: PreviewError): HTMLLIElement {
  const item = element('li');
  item.append(
    element('span', error.position === '' ? (error.document ?? 'build') : error.position, 'position'),
    element('span', error.message),
  );
  return item;
}
