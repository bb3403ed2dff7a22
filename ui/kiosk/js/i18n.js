// Message catalogs (i18n/fa.json, i18n/en.json) and number formatting. Persian is the
// deployment's default; the language lives in memory only, never in browser storage.

const catalogs = {};
let current = 'fa';

export const LANGUAGES = ['fa', 'en'];

export async function loadCatalogs() {
  await Promise.all(LANGUAGES.map(async (lang) => {
    const response = await fetch(`i18n/${lang}.json`, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`catalog ${lang}: ${response.status}`);
    catalogs[lang] = await response.json();
  }));
}

export function language() { return current; }

// Sets the page's language and direction; the caller redraws the screen.
export function setLanguage(lang) {
  current = LANGUAGES.includes(lang) ? lang : 'fa';
  const root = document.documentElement;
  root.lang = current;
  root.dir = current === 'fa' ? 'rtl' : 'ltr';
}

// Numbers in the reader's digits: Persian digits (۰–۹) in Persian.
export function num(value, options = {}) {
  if (value === null || value === undefined || Number.isNaN(Number(value))) return '';
  const locale = current === 'fa' ? 'fa-IR' : 'en-GB';
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1, useGrouping: false, ...options }).format(Number(value));
}

// A moment (seconds since 1970) as date and time in the reader's calendar and digits.
export function dateTime(seconds) {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return '';
  const locale = current === 'fa' ? 'fa-IR' : 'en-GB';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(seconds * 1000));
}

// The message for `key` with {name} placeholders filled; numbers are localised. A missing
// key shows the key itself, so a gap is visible rather than silent (a test keeps both
// catalogs complete).
export function t(key, params = {}) {
  const text = (catalogs[current] && catalogs[current][key]) ?? (catalogs.fa && catalogs.fa[key]) ?? key;
  return text.replace(/\{(\w+)\}/g, (match, name) => {
    if (!(name in params)) return match;
    const value = params[name];
    return typeof value === 'number' ? num(value) : String(value);
  });
}

export function has(key) { return Boolean(catalogs[current] && key in catalogs[current]); }

// Digits typed on a Persian or Arabic keyboard, as ASCII digits for the API.
export function asciiDigits(text) {
  return String(text)
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06F0))
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660));
}
