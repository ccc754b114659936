// Lesson videos: a resumable upload in parts (lesson editor) and the live state of uploads (lesson
// editor and the uploads page). Parts go up three at a time with XMLHttpRequest (for progress events);
// a part that fails on the network is sent again after a pause; choosing the same file again after a
// reload sends only the parts the server does not have yet.
(function () {
  const PARALLEL = 3;
  const POLL_MS = 2000;
  const PROCESSING = ['UPLOADING', 'UPLOADED', 'QUEUED', 'PROBING', 'TRANSCODING', 'PUBLISHING'];
  const $ = (id) => document.getElementById(id);
  const meta = (name) => (document.querySelector('meta[name="' + name + '"]') || {}).content;
  const csrfToken = meta('_csrf');
  const csrfHeader = meta('_csrf_header') || 'X-CSRF-TOKEN';

  // ---- talking to the API ----

  class ApiError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }

    // worth sending again: the network, the server or a proxy gave up, not a refusal
    get transient() {
      return this.status === 0 || this.status === 408 || this.status === 429 || this.status >= 500;
    }
  }

  function request(method, url, body, onProgress) {
    return new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open(method, url);
      xhr.setRequestHeader('Accept', 'application/json');
      if (csrfToken) xhr.setRequestHeader(csrfHeader, csrfToken);
      if (body instanceof Blob) {
        xhr.setRequestHeader('Content-Type', 'application/octet-stream');
      } else if (body !== undefined) {
        xhr.setRequestHeader('Content-Type', 'application/json');
        body = JSON.stringify(body);
      }
      if (onProgress) xhr.upload.onprogress = (e) => onProgress(e.loaded);
      xhr.onload = () => {
        let data = null;
        try {
          data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
        } catch (e) {
          // not JSON: an error page of a proxy, say
        }
        if (xhr.status >= 200 && xhr.status < 300) {
          resolve(data);
        } else {
          reject(new ApiError(xhr.status, (data && data.message) || 'the server answered ' + xhr.status));
        }
      };
      xhr.onerror = () => reject(new ApiError(0, 'the connection to the server was lost'));
      xhr.ontimeout = xhr.onerror;
      xhr.send(body);
    });
  }

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  // ---- the live list of uploads ----

  const table = $('uploads');
  const columns = table ? table.dataset.columns.split(',') : [];
  let pollTimer = null;

  // as UploadView.size on the server: bytes, KB, MB or GB (powers of 1024)
  function size(bytes) {
    if (bytes < 1024) return bytes + ' bytes';
    if (bytes < 1024 * 1024) return Math.round(bytes / 1024) + ' KB';
    return bytes < 1024 * 1024 * 1024 ? (bytes / (1024 * 1024)).toFixed(1) + ' MB'
      : (bytes / (1024 * 1024 * 1024)).toFixed(2) + ' GB';
  }

  function duration(seconds) {
    if (seconds == null) return '';
    const s = Math.round(seconds);
    const pad = (n) => String(n).padStart(2, '0');
    return s >= 3600 ? Math.floor(s / 3600) + ':' + pad(Math.floor(s / 60) % 60) + ':' + pad(s % 60)
      : Math.floor(s / 60) + ':' + pad(s % 60);
  }

  function when(iso) {
    const d = new Date(iso);
    const pad = (n) => String(n).padStart(2, '0');
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + pad(d.getHours()) + ':'
      + pad(d.getMinutes());
  }

  function el(tag, className, text) {
    const e = document.createElement(tag);
    if (className) e.className = className;
    if (text != null) e.textContent = text;
    return e;
  }

  function stateCell(td, u) {
    const children = [el('span', 'state state-' + u.status.toLowerCase(), u.state)];
    if (u.status === 'TRANSCODING') {
      const bar = el('div', 'bar');
      bar.style.width = u.progress_percent + '%';
      const progress = el('div', 'progress thin');
      progress.appendChild(bar);
      children.push(progress);
    }
    if (u.status === 'READY') {
      (u.renditions || []).forEach((r) => children.push(el('span', 'chip', r)));
      children.push(el('span', 'muted', duration(u.source_seconds)));
    }
    if (u.status === 'FAILED') {
      children.push(el('button', 'retry small', 'Retry'));
      children[children.length - 1].type = 'button';
    }
    td.replaceChildren(...children.flatMap((c, i) => (i === 0 ? [c] : [document.createTextNode(' '), c])));
  }

  function fill(tr, u) {
    tr.dataset.uploadId = u.id;
    tr.dataset.status = u.status;
    tr.replaceChildren(...columns.map((column) => {
      const td = el('td');
      td.dataset.field = column;
      if (column === 'course') td.textContent = u.course_title;
      if (column === 'lesson') {
        const a = el('a', null, u.lesson_title);
        a.href = '/teach/lessons/' + u.lesson_id;
        td.appendChild(a);
      }
      if (column === 'file') {
        td.className = 'file';
        td.textContent = u.file_name;
      }
      if (column === 'size') {
        td.className = 'nowrap';
        td.textContent = size(u.size_bytes);
      }
      if (column === 'state') {
        td.className = 'state-cell';
        stateCell(td, u);
      }
      if (column === 'created') {
        td.className = 'nowrap';
        td.textContent = when(u.created_at);
      }
      return td;
    }));
  }

  // the lesson plays its newest READY upload (as the transcode job points it)
  function showPlaying(u) {
    const nowPlaying = $('now-playing');
    if (!nowPlaying || u.status !== 'READY' || u.id <= Number(nowPlaying.dataset.uploadId || 0)) return;
    nowPlaying.dataset.uploadId = u.id;
    const file = el('span', null, u.file_name);
    file.id = 'playing-file';
    const first = el('p');
    first.append(el('strong', null, 'Learners see:'), ' ', file, ' ', el('span', 'muted', duration(u.source_seconds)));
    const second = el('p');
    (u.renditions || []).forEach((r) => second.append(el('span', 'chip', r), ' '));
    nowPlaying.replaceChildren(first, second);
  }

  function show(u) {
    showPlaying(u);
    if (!table) return;
    let tr = table.querySelector('tr[data-upload-id="' + u.id + '"]');
    if (!tr) {
      tr = document.createElement('tr');
      table.tBodies[0].prepend(tr);
    }
    fill(tr, u);
    table.hidden = false;
    if ($('uploads-empty')) $('uploads-empty').hidden = true;
    schedulePoll();
  }

  function unfinishedIds() {
    return [...table.querySelectorAll('tr[data-upload-id]')]
      .filter((tr) => PROCESSING.includes(tr.dataset.status))
      .map((tr) => tr.dataset.uploadId);
  }

  function schedulePoll() {
    if (table && pollTimer == null && unfinishedIds().length > 0) {
      pollTimer = setTimeout(poll, POLL_MS);
    }
  }

  async function poll() {
    pollTimer = null;
    const ids = unfinishedIds();
    if (ids.length === 0) return;
    try {
      (await request('GET', '/api/video-uploads?ids=' + ids.join(','))).forEach(show);
    } catch (e) {
      // the next poll tries again
    }
    schedulePoll();
  }

  if (table) {
    table.addEventListener('click', async (event) => {
      const button = event.target.closest('button.retry');
      if (!button) return;
      const tr = button.closest('tr');
      button.disabled = true;
      button.textContent = 'Retrying…';
      try {
        show(await request('POST', '/api/video-uploads/' + tr.dataset.uploadId + '/retry'));
        button.textContent = 'Retried';
      } catch (e) {
        button.disabled = false;
        button.textContent = 'Retry';
        alert('Could not retry: ' + e.message);
      }
    });
    schedulePoll();
  }

  // ---- the upload ----

  const form = $('video-upload');
  if (!form) return;
  const lessonId = form.dataset.lessonId;
  const startButton = $('video-upload-start');

  function message(id, text) {
    $(id).textContent = text || '';
    $(id).hidden = !text;
  }

  function progress(sent, size, speed) {
    const percent = size === 0 ? 100 : Math.min(100, Math.floor((100 * sent) / size));
    $('upload-bar').style.width = percent + '%';
    $('upload-percent').textContent = percent + ' %';
    $('upload-sent').textContent = (sent / (1024 * 1024)).toFixed(1) + ' of ' + (size / (1024 * 1024)).toFixed(1) + ' MB';
    $('upload-speed').textContent = speed == null ? '…' : (speed / (1024 * 1024)).toFixed(1) + ' MB/s';
  }

  // one part, sent again after a pause when the network or the server failed (1 s, 2 s, 4 s … 30 s)
  async function sendPart(upload, file, n, onProgress) {
    const start = (n - 1) * upload.part_size;
    const blob = file.slice(start, Math.min(start + upload.part_size, file.size));
    for (let attempt = 1; ; attempt++) {
      try {
        return await request('PUT', '/api/video-uploads/' + upload.id + '/parts/' + n, blob, onProgress);
      } catch (e) {
        onProgress(0);
        if (!e.transient || attempt >= 8) throw e;
        message('upload-error', 'Part ' + n + ': ' + e.message + '. Trying again…');
        await sleep(Math.min(30000, 1000 * 2 ** (attempt - 1)));
        message('upload-error', null);
      }
    }
  }

  async function upload(file) {
    const started = await request('POST', '/api/lessons/' + lessonId + '/video-uploads', {
      file_name: file.name,
      size_bytes: file.size,
      fingerprint: file.name + ':' + file.size + ':' + file.lastModified,
    });
    show(started);
    const received = new Set(started.parts_received || []);
    const partBytes = (n) => Math.min(started.part_size, file.size - (n - 1) * started.part_size);
    const todo = [];
    let done = 0;
    for (let n = 1; n <= started.part_count; n++) {
      if (received.has(n)) done += partBytes(n); else todo.push(n);
    }
    if (received.size > 0) {
      message('upload-done', 'Resuming: ' + received.size + ' of ' + started.part_count
        + ' parts were already uploaded.');
    }
    const inFlight = new Map();
    const began = performance.now();
    let sentNow = 0; // bytes sent by this page, for the speed
    const update = (last) => {
      const flying = [...inFlight.values()].reduce((a, b) => a + b, 0);
      const seconds = (performance.now() - began) / 1000;
      progress(done + flying, file.size, last || seconds > 0.5 ? (sentNow + flying) / Math.max(seconds, 0.001) : null);
    };
    update();
    let failure = null;
    async function worker() {
      while (todo.length > 0 && failure == null) {
        const n = todo.shift();
        inFlight.set(n, 0);
        try {
          await sendPart(started, file, n, (loaded) => {
            inFlight.set(n, loaded);
            update();
          });
          done += partBytes(n);
          sentNow += partBytes(n);
        } catch (e) {
          failure = failure || e;
        } finally {
          inFlight.delete(n);
          update();
        }
      }
    }
    await Promise.all(Array.from({ length: Math.min(PARALLEL, todo.length) }, worker));
    if (failure) throw failure;
    update(true);
    return request('POST', '/api/video-uploads/' + started.id + '/complete');
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = $('video-file').files[0];
    if (!file) return;
    startButton.disabled = true;
    message('upload-error', null);
    message('upload-done', null);
    $('upload-progress').hidden = false;
    progress(0, file.size, null);
    try {
      const completed = await upload(file);
      show(completed);
      message('upload-done', 'Uploaded “' + file.name + '”. ' + completed.state + '.');
      form.reset();
    } catch (e) {
      message('upload-error', 'The upload stopped: ' + e.message
        + (e.transient ? '. Choose the same file again to resume.' : ''));
    } finally {
      startButton.disabled = false;
    }
  });
})();
