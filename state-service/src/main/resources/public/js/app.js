// The live page: a list of recent jobs (polled from GET /jobs) and one selected job followed over its
// server-sent event stream (GET /jobs/{id}/events), with a player for READY outputs. Every call carries the API key
// (see api.js), so the page shows the jobs of that key's tenant.
import { apiFetch, askForKey, messageOf, onKeyEntered, streamEvents } from './api.js';
import { el, isFinal, safeUrl } from './dom.js';
import { jobDetail, jobRow } from './view.js';

const LIST_REFRESH_MS = 3000;
const PAGE_SIZE = 20;

const list = document.getElementById('job-list');
const detail = document.getElementById('job-detail');
const filter = document.getElementById('status-filter');
const more = document.getElementById('more');
const connection = document.getElementById('connection');

let selectedId = null;
let events = null;
let olderCursor = null;
let olderJobs = [];

function selectedFromHash() {
  return new URLSearchParams(window.location.hash.slice(1)).get('job');
}

async function fetchJobs(cursor) {
  const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (filter.value) query.set('status', filter.value);
  if (cursor) query.set('cursor', cursor);
  const response = await apiFetch(`/jobs?${query}`, { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET /jobs answered ${response.status}: ${await messageOf(response)}`);
  return response.json();
}

/** The first page is refreshed in place; pages fetched with "Older jobs" stay below it. */
async function refreshList() {
  try {
    const page = await fetchJobs(null);
    const jobs = page.jobs.concat(olderJobs.filter((old) => !page.jobs.some((job) => job.jobId === old.jobId)));
    if (olderJobs.length === 0) olderCursor = page.nextCursor;
    more.hidden = !olderCursor;
    list.replaceChildren(...(jobs.length ? jobs.map((job) => jobRow(job, job.jobId === selectedId))
      : [el('li', { class: 'empty' }, 'No jobs yet.')]));
    showConnection(null);
  } catch (error) {
    showConnection(`list: ${error.message}`);
  }
}

async function loadOlder() {
  const page = await fetchJobs(olderCursor);
  olderJobs = olderJobs.concat(page.jobs);
  olderCursor = page.nextCursor;
  await refreshList();
}

function showConnection(problem) {
  connection.textContent = problem ? `⚠ ${problem}` : '';
}

/** Follows one job: every state event re-renders it; the stream ends when the job is final. */
function follow(jobId) {
  if (events) events.close();
  events = null;
  selectedId = jobId;
  for (const row of list.querySelectorAll('.job-row')) {
    row.classList.toggle('selected', row.dataset.jobId === jobId);
  }
  if (!jobId) return;
  detail.replaceChildren(el('p', { class: 'empty' }, 'Waiting for the job…'));
  const stream = streamEvents(`/jobs/${encodeURIComponent(jobId)}/events`, {
    onEvent(event) {
      if (event.type !== 'state') return;
      const job = JSON.parse(event.data);
      detail.replaceChildren(jobDetail(job, play));
      showConnection(null);
      // a final job never changes again: stop reconnecting
      if (isFinal(job.status)) stream.close();
    },
    onProblem: showConnection,
  });
  events = stream;
}

let hls = null;

/** Plays an output's HLS master (for CMAF outputs too: their HLS master names the same segments). */
function play(output) {
  const url = safeUrl(output.playlistUrl);
  if (!url) return;
  const section = document.getElementById('player');
  const video = document.getElementById('video');
  document.getElementById('player-title').textContent = `${output.outputId} · ${output.format}`;
  document.getElementById('player-note').textContent = url;
  section.hidden = false;
  if (hls) hls.destroy();
  hls = null;
  if (window.Hls && window.Hls.isSupported()) {
    hls = new window.Hls();
    hls.loadSource(url);
    hls.attachMedia(video);
  } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
    video.src = url;
  } else {
    document.getElementById('player-note').textContent = 'This browser cannot play HLS.';
    return;
  }
  video.muted = true;
  video.play().catch((error) => {
    document.getElementById('player-note').textContent = `Press play to start (${error.message}).`;
  });
  section.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
}

window.addEventListener('hashchange', () => follow(selectedFromHash()));
filter.addEventListener('change', () => {
  olderJobs = [];
  olderCursor = null;
  refreshList();
});
more.addEventListener('click', () => loadOlder().catch((error) => showConnection(error.message)));
document.getElementById('change-key').addEventListener('click', () => askForKey('Enter another API key.'));
onKeyEntered(() => {
  olderJobs = [];
  olderCursor = null;
  refreshList();
  follow(selectedFromHash());
});

refreshList();
setInterval(() => {
  if (!document.hidden) refreshList();
}, LIST_REFRESH_MS);
follow(selectedFromHash());
