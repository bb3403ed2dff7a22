// A small element builder: no framework, no innerHTML (the policy forbids inline script,
// and building nodes keeps any text the API sends as text).

export function h(tag, props = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') element.className = value;
    else if (name === 'text') element.textContent = value;
    else if (name.startsWith('on') && typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function button(label, onclick, { kind = '', id, disabled, attrs = {} } = {}) {
  return h('button', { type: 'button', class: `button ${kind}`.trim(), id, disabled, onclick, ...attrs }, label);
}

// Replaces every child: what was on the screen (typed details, previews) is gone from the DOM.
export function mount(container, ...nodes) {
  container.replaceChildren(...nodes.flat().filter(Boolean));
}
