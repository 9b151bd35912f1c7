// Calls to the state service's API with the user's API key. The key is asked for once and kept in this browser's
// localStorage; a link may carry it in the fragment (#key=…), which browsers never send to servers. It travels only
// in the Authorization header, never in a URL: EventSource cannot send headers, so event streams are read with
// fetch and parsed here.

const STORAGE_KEY = 'reelay.apiKey';
const RECONNECT_MS = 2000;

const form = document.getElementById('key-form');
const input = document.getElementById('key-input');
const note = document.getElementById('key-note');
const keyListeners = [];

let apiKey = localStorage.getItem(STORAGE_KEY);
const keyInUrl = takeKeyFromFragment();
if (keyInUrl) remember(keyInUrl);

/** A key given as #key=…, taken out of the address bar and the history entry. */
function takeKeyFromFragment() {
  const params = new URLSearchParams(window.location.hash.slice(1));
  const given = params.get('key');
  if (!given) return null;
  params.delete('key');
  const rest = params.toString();
  window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}${rest ? `#${rest}` : ''}`);
  return given;
}

function remember(key) {
  apiKey = key;
  localStorage.setItem(STORAGE_KEY, key);
}

/** Switches to another key: every listener of onKeyEntered runs. */
function useKey(key) {
  remember(key);
  form.hidden = true;
  keyListeners.forEach((listener) => listener());
}

/** Shows the key form, for the user to enter a key. */
export function askForKey(message) {
  note.textContent = message;
  form.hidden = false;
  input.focus();
}

export function onKeyEntered(listener) {
  keyListeners.push(listener);
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const entered = input.value.trim();
  if (!entered) return;
  input.value = '';
  useKey(entered);
});

// a #key=… link opened in a tab that already shows the page changes only the fragment: no reload
window.addEventListener('hashchange', () => {
  const given = takeKeyFromFragment();
  if (given) useKey(given);
});

/** A request that cannot succeed as it is: no key, a refused key, or a job this key may not see. */
export class Refused extends Error {}

/** The message of a JSON error answer ({"message": …}), or its status. */
export async function messageOf(response) {
  try {
    return (await response.json()).message ?? `HTTP ${response.status}`;
  } catch {
    return `HTTP ${response.status}`;
  }
}

/** fetch with the API key; a refused key is forgotten and the user asked for another. */
export async function apiFetch(path, options = {}) {
  if (!apiKey) {
    if (form.hidden) askForKey('Enter an API key to see your jobs.');
    throw new Refused('API key needed');
  }
  const response = await fetch(path, { ...options, headers: { ...options.headers, Authorization: `Bearer ${apiKey}` } });
  if (response.status === 401) {
    apiKey = null;
    localStorage.removeItem(STORAGE_KEY);
    askForKey('That API key was refused; enter another.');
    throw new Refused('API key refused');
  }
  return response;
}

/**
 * Follows a server-sent event stream like EventSource does (reconnecting with Last-Event-ID when the stream ends or
 * breaks), but through apiFetch. Returns { close() }.
 * onEvent gets { type, id, data }; onProblem gets a message, or null once the stream is flowing again.
 */
export function streamEvents(path, { onEvent, onProblem }) {
  const abort = new AbortController();
  let lastEventId = null;

  async function connectOnce() {
    const headers = { Accept: 'text/event-stream' };
    if (lastEventId) headers['Last-Event-ID'] = lastEventId;
    const response = await apiFetch(path, { headers, signal: abort.signal });
    if (response.status >= 400 && response.status < 500) throw new Refused(await messageOf(response));
    if (!response.ok) throw new Error(`${path} answered ${response.status}`);
    onProblem(null);
    await readEvents(response.body, (event) => {
      if (event.id) lastEventId = event.id;
      onEvent(event);
    });
  }

  (async () => {
    while (!abort.signal.aborted) {
      try {
        await connectOnce();
      } catch (error) {
        if (abort.signal.aborted) return;
        if (error instanceof Refused) {
          onProblem(error.message);
          return;
        }
        onProblem('live updates interrupted, reconnecting…');
      }
      await new Promise((resolve) => { setTimeout(resolve, RECONNECT_MS); });
    }
  })();
  return { close: () => abort.abort() };
}

/** Parses the text/event-stream format: field lines, events separated by a blank line, ':' comments. */
async function readEvents(body, dispatch) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let event = { type: 'message', id: null, data: [] };
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let end = buffer.indexOf('\n');
    while (end >= 0) {
      const line = buffer.slice(0, end).replace(/\r$/, '');
      buffer = buffer.slice(end + 1);
      if (line === '') {
        if (event.data.length) dispatch({ type: event.type, id: event.id, data: event.data.join('\n') });
        event = { type: 'message', id: null, data: [] };
      } else if (!line.startsWith(':')) {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event.type = text;
        else if (field === 'id') event.id = text;
        else if (field === 'data') event.data.push(text);
      }
      end = buffer.indexOf('\n');
    }
  }
}
