import type { Element, ElementContent, Root, RootContent } from 'hast';

/**
 * A rehype plugin that wraps each level-2 heading and what follows it, up to the next one, in
 * `<section><h2>…</h2><div class="section-body">…</div></section>`. Layouts can then lay out a
 * section's body (in columns, say) while its heading stays in normal flow, where Chromium keeps
 * it with the text after it instead of leaving it alone at the foot of a page.
 */
export function sectionize() {
  return (tree: Root): void => {
    const children: RootContent[] = [];
    let section: Element | undefined;
    let body: Element | undefined;
    for (const node of tree.children) {
      if (node.type === 'element' && node.tagName === 'h2') {
        body = { type: 'element', tagName: 'div', properties: { className: ['section-body'] }, children: [] };
        section = { type: 'element', tagName: 'section', properties: {}, children: [node, body] };
        children.push(section);
      } else if (body !== undefined) {
        body.children.push(node as ElementContent);
      } else {
        children.push(node);
      }
    }
    // Trailing white space inside a section body is noise in the HTML.
    for (const node of children) {
      if (node.type === 'element' && node.tagName === 'section') {
        const sectionBody = node.children[1];
        if (sectionBody?.type === 'element') {
          while (
            sectionBody.children.at(-1)?.type === 'text' &&
            /^\s*$/.test((sectionBody.children.at(-1) as { value: string }).value)
          )
            sectionBody.children.pop();
        }
      }
    }
    tree.children = children;
  };
}
