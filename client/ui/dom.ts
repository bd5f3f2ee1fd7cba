/** A few DOM helpers; the client has no framework, so these keep the panels readable. */

type Child = Node | string | number | null | undefined | false | Child[];
type Attributes = Record<string, string | number | boolean | null | undefined | EventListener>;

/**
 * Creates an element. `on*` attributes with a function become listeners; `false`/`null` attributes are left out.
 *
 * @example h('button', { type: 'button', onclick: () => go() }, 'Go')
 */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'value' && 'value' in element) (element as HTMLInputElement).value = String(value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the children of `parent`. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** An SVG document string as a DOM node, parsed (never through innerHTML on the page). */
export function svgNode(markup: string): Node {
  const parsed = new DOMParser().parseFromString(markup, 'image/svg+xml');
  return document.importNode(parsed.documentElement, true);
}

/** A table whose rows can be chosen with the mouse or with Enter/Space. */
export function table(headers: string[], rows: { cells: Child[]; onChoose?: () => void; className?: string; attributes?: Attributes }[], caption?: string): HTMLTableElement {
  return h(
    'table',
    {},
    caption ? h('caption', {}, caption) : null,
    h('thead', {}, h('tr', {}, headers.map((text) => h('th', { scope: 'col' }, text)))),
    h(
      'tbody',
      {},
      rows.map((row) =>
        h(
          'tr',
          {
            ...(row.attributes ?? {}),
            class: [row.className, row.onChoose ? 'choosable' : ''].filter(Boolean).join(' ') || null,
            tabindex: row.onChoose ? 0 : null,
            onclick: row.onChoose ? () => row.onChoose!() : null,
            onkeydown: row.onChoose
              ? ((event: Event) => {
                  const key = (event as KeyboardEvent).key;
                  if (key === 'Enter' || key === ' ') {
                    event.preventDefault();
                    row.onChoose!();
                  }
                }) as EventListener
              : null,
          },
          row.cells.map((cell) => h('td', {}, cell)),
        ),
      ),
    ),
  );
}
