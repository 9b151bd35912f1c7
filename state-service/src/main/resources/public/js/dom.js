// Building blocks of the page. Everything a job carries is untrusted text: it only ever reaches the page as
// text nodes or attribute values, never as markup.

/** Creates an element; props set attributes (class, data-*, aria-*…); children are nodes or plain text. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === null || value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** Only http(s) URLs become links or media sources: a job cannot smuggle in javascript: or data: URLs. */
export function safeUrl(text) {
  try {
    const url = new URL(text, window.location.href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export function link(text, href) {
  const url = safeUrl(href);
  return url ? el('a', { href: url, target: '_blank', rel: 'noopener' }, text) : el('span', {}, text);
}

const FINAL = new Set(['COMPLETE', 'FAILED', 'REVOKED', 'READY']);

export function isFinal(status) {
  return FINAL.has(status);
}

export function badge(status) {
  return el('span', { class: `badge status-${String(status).toLowerCase()}` }, status);
}

/** label: value pairs as a definition list; pairs whose value is null are left out. */
export function facts(pairs, className = 'facts') {
  return el('dl', { class: className }, pairs.filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([label, value]) => [el('dt', {}, label), el('dd', {}, value)]));
}

export const format = {
  bytes(n) {
    if (n === null || n === undefined) return null;
    const units = ['B', 'KB', 'MB', 'GB', 'TB'];
    let value = n;
    let unit = 0;
    while (value >= 1000 && unit < units.length - 1) {
      value /= 1000;
      unit += 1;
    }
    return `${value.toFixed(unit === 0 || value >= 100 ? 0 : 1)} ${units[unit]}`;
  },
  bitrate(bps) {
    if (!bps) return null;
    return bps >= 1e6 ? `${(bps / 1e6).toFixed(1)} Mb/s` : `${Math.round(bps / 1e3)} kb/s`;
  },
  seconds(s) {
    if (s === null || s === undefined) return null;
    if (s < 60) return `${s.toFixed(s < 10 ? 2 : 1)} s`;
    const minutes = Math.floor(s / 60);
    return `${minutes} min ${Math.round(s - minutes * 60)} s`;
  },
  percent(p) {
    return `${Math.floor(p ?? 0)} %`;
  },
  time(iso) {
    if (!iso) return null;
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? String(iso) : date.toLocaleString();
  },
  clock(iso) {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? String(iso) : date.toLocaleTimeString();
  },
  ago(iso) {
    const seconds = Math.max(0, (Date.now() - new Date(iso).getTime()) / 1000);
    if (seconds < 60) return `${Math.round(seconds)} s ago`;
    if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
    if (seconds < 86400) return `${Math.round(seconds / 3600)} h ago`;
    return format.time(iso);
  },
};
