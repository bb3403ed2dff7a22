// Which finger, without reading: a drawing of one hand, palm down as it lies on the reader,
// with the finger to use filled in. Drawn as a right hand (thumb on the left, seen from
// above) and mirrored for the left. Presentation attributes and classes only: the page's
// policy allows no inline style.
import { t } from '../i18n.js';

const SVG = 'http://www.w3.org/2000/svg';

// Each finger as a rounded bar from the palm, turned about its base (x, y, width, length,
// degrees); the thumb leaves the palm's side at an angle.
const DIGITS = {
  little: [140, 128, 20, 58, 10],
  ring: [116, 118, 22, 76, 4],
  middle: [91, 116, 24, 86, 0],
  index: [66, 118, 23, 78, -5],
  thumb: [52, 178, 24, 62, -52],
};

function node(tag, attributes = {}) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  return element;
}

// `finger` as the API names it (`right_index`, `left_thumb`, …); null for another name.
export function handPicture(finger) {
  const match = /^(left|right)_(thumb|index|middle|ring|little)$/.exec(String(finger || ''));
  if (!match) return null;
  const [, side, digit] = match;
  const svg = node('svg', {
    viewBox: '0 0 200 240', class: 'hand', id: 'hand', role: 'img', 'aria-label': t(`finger.${finger}`),
    'data-hand': side, 'data-finger': digit,
  });
  // The left hand is the right one seen in a mirror.
  const hand = node('g', side === 'left' ? { transform: 'translate(200 0) scale(-1 1)', class: 'hand-mirrored' } : {});
  for (const [name, [x, y, width, length, degrees]] of Object.entries(DIGITS)) {
    hand.append(node('rect', {
      x, y: y - length, width, height: length + 14, rx: width / 2,
      transform: `rotate(${degrees} ${x + width / 2} ${y})`,
      class: name === digit ? 'hand-finger current' : 'hand-finger', 'data-digit': name,
    }));
  }
  hand.append(node('rect', { x: 58, y: 112, width: 110, height: 118, rx: 34, class: 'hand-palm' }));
  svg.append(hand);
  return svg;
}
