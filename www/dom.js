// The page's one DOM helper: create an element with a class, optional text, and append it.

const SVGNS = 'http://www.w3.org/2000/svg';

// An HTML element `name` with class `cls` and text `text`, appended to `parent` when given.
export function el(name, cls, parent, text) {
  const e = document.createElement(name);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  if (parent) parent.appendChild(e);
  return e;
}

// An SVG element `name` with attributes `attrs`, appended to `parent` when given.
export function svgEl(name, attrs, parent) {
  const e = document.createElementNS(SVGNS, name);
  if (attrs) for (const k in attrs) e.setAttribute(k, attrs[k]);
  if (parent) parent.appendChild(e);
  return e;
}
