// Renders jobs as the state service reports them (GET /jobs, GET /jobs/{id}/events) into DOM nodes.
import { badge, el, facts, format, link, safeUrl } from './dom.js';

const PHASE = { QUEUED: 'Waiting', ENCODING: 'Encoding', UPLOADING: 'Uploading', READY: 'Ready',
  FAILED: 'Failed', REVOKED: 'Revoked' };

/** One row of the job list: status, reference, age and a thin progress bar per output. */
export function jobRow(job, selected) {
  return el('li', { class: selected ? 'job-row selected' : 'job-row', 'data-job-id': job.jobId },
    el('a', { href: `#job=${encodeURIComponent(job.jobId)}` },
      el('div', { class: 'row-head' }, badge(job.status), el('span', { class: 'age' }, format.ago(job.createdAt))),
      el('div', { class: 'row-title' }, job.referenceId || job.jobId),
      job.referenceId ? el('div', { class: 'row-id mono' }, job.jobId) : null,
      el('div', { class: 'row-bars' }, (job.outputs || []).map((output) =>
        el('span', { class: `mini-bar status-${output.status.toLowerCase()}`, title: `${output.outputId}: ${output.status}` },
          el('span', { style: `width:${barWidth(output)}%` }))))));
}

/** The whole picture of one job; {@code onPlay(output)} starts the player on a READY output. */
export function jobDetail(job, onPlay) {
  return el('article', { class: 'job', 'data-job-id': job.jobId, 'data-status': job.status },
    el('header', { class: 'job-head' },
      el('div', {},
        el('h2', {}, job.referenceId || 'Job'),
        el('div', { class: 'mono muted' }, job.jobId)),
      badge(job.status)),
    facts([
      ['Created', format.time(job.createdAt)],
      ['Updated', format.time(job.updatedAt)],
      ['Tenant', job.tenant],
      ['Version', job.version],
    ], 'facts inline'),
    failure(job.failure),
    source(job),
    el('h3', {}, 'Outputs'),
    el('div', { class: 'outputs' }, (job.outputs || []).map((output) => outputCard(output, onPlay))),
    timeline(job.transitions),
    webhooks(job.webhookAttempts));
}

function failure(reason) {
  if (!reason) return null;
  return el('div', { class: 'failure', role: 'alert' },
    el('strong', {}, reason.reason), reason.message ? el('span', {}, ` ${reason.message}`) : null);
}

function source(job) {
  const media = job.media;
  const location = job.source ? `${job.source.bucket}/${job.source.key}` : null;
  if (!media) {
    return el('section', { class: 'card' }, el('h3', {}, 'Source'),
      facts([['Object', location]]), el('p', { class: 'muted' }, 'Not probed yet.'));
  }
  return el('section', { class: 'card source' }, el('h3', {}, 'Source'),
    facts([
      ['Object', location],
      ['Container', media.container],
      ['Duration', format.seconds(media.durationSeconds)],
      ['Size', format.bytes(media.sizeBytes)],
      ['Bitrate', format.bitrate(media.bitrate)],
    ]),
    el('table', { class: 'streams' },
      el('thead', {}, el('tr', {}, ['#', 'Type', 'Codec', 'Details', 'Bitrate', 'Language'].map((h) => el('th', {}, h)))),
      el('tbody', {}, (media.streams || []).map((stream) => el('tr', {},
        el('td', {}, stream.index), el('td', {}, stream.type), el('td', {}, stream.codec),
        el('td', {}, streamDetails(stream)), el('td', {}, format.bitrate(stream.bitrate) || '–'),
        el('td', {}, stream.language || '–'))))));
}

function streamDetails(stream) {
  if (stream.type === 'video') {
    const fps = stream.frameRate ? ` · ${Math.round(stream.frameRate * 100) / 100} fps` : '';
    const rotation = stream.rotation ? ` · rotated ${stream.rotation}°` : '';
    return `${stream.width}×${stream.height}${fps}${rotation}`;
  }
  if (stream.type === 'audio') {
    return [stream.channels && `${stream.channels} ch`, stream.sampleRate && `${stream.sampleRate} Hz`]
      .filter(Boolean).join(' · ');
  }
  return '';
}

function barWidth(output) {
  return output.status === 'READY' ? 100 : Math.max(0, Math.min(100, output.percent || 0));
}

function outputCard(output, onPlay) {
  const playable = output.status === 'READY' && safeUrl(output.playlistUrl);
  const percent = barWidth(output);
  return el('section', { class: 'card output', 'data-output-id': output.outputId, 'data-status': output.status },
    el('header', { class: 'output-head' },
      el('h4', {}, output.outputId, el('span', { class: 'format' }, output.format)),
      output.attempt > 1 ? el('span', { class: 'muted' }, `attempt ${output.attempt}`) : null,
      badge(output.status)),
    el('div', { class: 'progress-line' },
      el('div', { class: `bar status-${output.status.toLowerCase()}`, role: 'progressbar', 'aria-valuemin': 0,
        'aria-valuemax': 100, 'aria-valuenow': Math.floor(percent), 'aria-label': `${output.outputId} progress` },
      el('span', { style: `width:${percent}%` })),
      el('span', { class: 'progress-label' }, `${PHASE[output.status] || output.status} ${format.percent(percent)}`)),
    failure(output.failure),
    renditions(output.renditions),
    usage(output),
    el('div', { class: 'actions' },
      playable ? playButton(output, onPlay) : null,
      output.playlistUrl ? link('HLS playlist', output.playlistUrl) : null,
      output.manifestUrl ? link('DASH manifest', output.manifestUrl) : null),
    thumbnails(output.thumbnails));
}

function playButton(output, onPlay) {
  const button = el('button', { class: 'play', 'data-output-id': output.outputId, type: 'button' }, '▶ Play');
  button.addEventListener('click', () => onPlay(output));
  return button;
}

function renditions(list) {
  if (!list || list.length === 0) return null;
  return el('ul', { class: 'chips' }, list.map((r) => el('li', {},
    el('strong', {}, r.name), ` ${r.width}×${r.height}`,
    r.videoBitrate ? ` · ${format.bitrate(r.videoBitrate)}` : '',
    r.audioBitrate ? ` + ${format.bitrate(r.audioBitrate)}` : '')));
}

function usage(output) {
  const u = output.usage;
  const delivered = output.bytes ? format.bytes(output.bytes) : null;
  if (!u && !delivered) return null;
  return facts([
    ['CPU time', u && format.seconds(u.cpuSeconds)],
    ['Peak RSS', u && format.bytes(u.peakRssBytes)],
    ['Wall time', u && format.seconds(u.wallSeconds)],
    ['Media encoded', u && format.seconds(u.encodedMediaSeconds)],
    ['Delivered', delivered],
    ['Objects', output.objectCount || (u && u.objectCount) || null],
  ], 'facts usage');
}

function thumbnails(list) {
  if (!list) return null;
  return el('div', { class: 'thumbnails' }, list.map((t) => {
    const url = t.url && safeUrl(t.url);
    return el('figure', {},
      url ? el('img', { src: url, alt: `frame at ${t.timeSeconds} s`, loading: 'lazy' })
        : el('div', { class: 'thumb-missing' }, t.failure ? t.failure.reason : '–'),
      el('figcaption', {}, `${t.timeSeconds} s`));
  }));
}

function timeline(transitions) {
  if (!transitions || transitions.length === 0) return null;
  return el('section', { class: 'card' }, el('h3', {}, 'Timeline'),
    el('ol', { class: 'timeline' }, transitions.map((t) =>
      el('li', {}, badge(t.status), el('span', { class: 'muted' }, format.clock(t.at))))));
}

function webhooks(attempts) {
  if (!attempts || attempts.length === 0) return null;
  return el('section', { class: 'card' }, el('h3', {}, 'Webhook deliveries'),
    el('table', { class: 'streams' },
      el('thead', {}, el('tr', {}, ['Event', 'Try', 'Outcome', 'HTTP', 'When'].map((h) => el('th', {}, h)))),
      el('tbody', {}, attempts.map((a) => el('tr', {},
        el('td', {}, a.outputId ? `${a.event} (${a.outputId})` : a.event), el('td', {}, a.attempt),
        el('td', {}, a.outcome), el('td', {}, a.statusCode || '–'), el('td', {}, format.time(a.attemptedAt)))))));
}
