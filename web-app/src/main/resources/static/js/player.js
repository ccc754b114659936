// The lesson player: hls.js over the signed edge URLs (adaptive bitrate), a quality menu, keyboard
// controls, and for enrolled learners resuming where they left off and reporting how far they got.
// window.lessonPlayer exposes its state for the browser tests and the benchmark.
(function () {
  'use strict';
  const box = document.getElementById('player');
  const video = document.getElementById('video');
  const menu = document.getElementById('quality');
  const label = document.getElementById('playing-level');
  const error = document.getElementById('player-error');
  if (!box || !video) {
    return;
  }
  const state = { level: -1, height: 0, switches: 0, firstFrameMs: null, firstFrameAt: null, playClickedAt: null,
    error: null, reports: 0, lastReport: null, resumedAt: null };
  window.lessonPlayer = state;

  function showError(text) {
    state.error = text;
    error.textContent = text;
    error.hidden = false;
  }

  // the first frame actually painted after the learner pressed play (and since the page load started)
  function watchFirstFrame() {
    const done = () => {
      if (state.firstFrameMs === null && state.playClickedAt !== null) {
        state.firstFrameAt = Math.round(performance.now()); // since the page load started
        state.firstFrameMs = Math.round(performance.now() - state.playClickedAt);
      }
    };
    if (video.requestVideoFrameCallback) {
      video.requestVideoFrameCallback(done);
    } else {
      video.addEventListener('playing', done, { once: true });
    }
  }
  video.addEventListener('play', () => {
    if (state.playClickedAt === null) {
      state.playClickedAt = performance.now();
      watchFirstFrame();
    }
  });

  // where the learner left off, unless that is the very end (then they start over)
  const duration = Number(box.dataset.duration) || 0;
  const stored = Number(box.dataset.resume) || 0;
  const resumeAt = stored > 0 && stored < duration - 5 ? stored : 0;

  const master = box.dataset.master;
  let hls = null;
  if (window.Hls && window.Hls.isSupported()) {
    // starting at the resume point loads its segments first: the first frame shown is already there
    hls = new window.Hls({ capLevelToPlayerSize: false, startLevel: -1, startPosition: resumeAt || -1 });
    state.hls = hls;
    hls.on(window.Hls.Events.MANIFEST_PARSED, (event, data) => {
      data.levels.forEach((level, index) => {
        const option = document.createElement('option');
        option.value = String(index);
        option.textContent = level.height + 'p';
        menu.appendChild(option);
      });
    });
    hls.on(window.Hls.Events.LEVEL_SWITCHED, (event, data) => {
      const level = hls.levels[data.level];
      state.level = data.level;
      state.height = level ? level.height : 0;
      state.switches += 1;
      label.textContent = level ? 'Playing ' + level.height + 'p' + (hls.autoLevelEnabled ? ' (auto)' : '') : '';
    });
    hls.on(window.Hls.Events.ERROR, (event, data) => {
      if (!data.fatal) {
        return;
      }
      if (data.type === window.Hls.ErrorTypes.NETWORK_ERROR) {
        const status = data.response && data.response.code;
        if (status === 403) {
          showError('This video link has expired. Reload the page to keep watching.');
        } else {
          showError('The video cannot be loaded right now; retrying…');
          hls.startLoad();
        }
      } else if (data.type === window.Hls.ErrorTypes.MEDIA_ERROR) {
        hls.recoverMediaError();
      } else {
        showError('The video cannot be played in this browser.');
      }
    });
    hls.loadSource(master);
    hls.attachMedia(video);
  } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
    video.src = master; // Safari plays HLS natively
    menu.disabled = true;
  } else {
    showError('This browser cannot play the video (no Media Source Extensions).');
  }

  menu.addEventListener('change', () => {
    if (!hls) {
      return;
    }
    const level = Number(menu.value);
    // -1 hands the choice back to adaptive bitrate; a fixed level switches at once
    if (level < 0) {
      hls.currentLevel = -1;
    } else {
      hls.currentLevel = level;
    }
  });

  // ---- resuming, and reporting progress (enrolled learners only: instructors previewing have none) ----

  function clock(seconds) {
    const s = Math.floor(seconds);
    return Math.floor(s / 60) + ':' + String(s % 60).padStart(2, '0');
  }

  if (resumeAt > 0) {
    video.addEventListener('loadedmetadata', () => {
      if (Math.abs(video.currentTime - resumeAt) > 1) {
        video.currentTime = resumeAt; // Safari's own HLS has no start position
      }
      state.resumedAt = resumeAt;
      const resumed = document.getElementById('resumed');
      resumed.textContent = 'Resumed at ' + clock(resumeAt);
      resumed.hidden = false;
    }, { once: true });
  }

  const REPORT_EVERY_MS = 10000;
  const COMPLETE_AT = 0.95;
  const enrollment = box.dataset.enrollment;
  const lesson = box.dataset.lesson;
  const reporting = Boolean(enrollment && lesson && window.lessonProgress);
  let completed = box.dataset.completed === 'true';
  // the last report the server accepted; the stored position counts as one
  let sent = { watched_seconds: stored, completed };
  let sending = false;
  let again = false;
  let refused = false;

  function current() {
    const length = video.duration || duration;
    if (length > 0 && video.currentTime >= COMPLETE_AT * length) {
      completed = true;
    }
    return { watched_seconds: Math.floor(video.currentTime), completed };
  }

  function showCompleted() {
    const done = document.getElementById('completed-state');
    if (done) done.hidden = false;
  }

  // sends where the learner is unless the server has it already; a report that fails on the
  // network or the server is sent again with the next tick, a refusal (4xx) is shown and ends reporting
  async function report(keepalive) {
    if (!reporting || refused) {
      return;
    }
    const body = current();
    if (body.watched_seconds === sent.watched_seconds && body.completed === sent.completed) {
      return;
    }
    if (sending && !keepalive) {
      again = true;
      return;
    }
    sending = true;
    try {
      const status = await window.lessonProgress.put(enrollment, lesson, body, keepalive);
      sent = body;
      state.reports += 1;
      state.lastReport = { watched_seconds: body.watched_seconds, completed: body.completed, status };
      if (body.completed) showCompleted();
    } catch (e) {
      if (!e.transient) {
        refused = true;
        showError('Your progress in this lesson is not being saved: ' + e.message);
      }
    } finally {
      sending = false;
      if (again) {
        again = false;
        report();
      }
    }
  }

  if (reporting) {
    setInterval(() => report(), REPORT_EVERY_MS); // only sends while something changed: while playing
    video.addEventListener('pause', () => report());
    video.addEventListener('seeked', () => report());
    video.addEventListener('ended', () => {
      completed = true;
      report();
    });
    // leaving the page: the browser keeps a keepalive request going after the page is gone
    window.addEventListener('pagehide', () => report(true));
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') report(true);
    });
  }

  function seek(by) {
    video.currentTime = Math.max(0, Math.min(video.duration || 0, video.currentTime + by));
  }
  box.addEventListener('keydown', (event) => {
    if (event.target === menu) {
      return;
    }
    const keys = {
      ' ': () => (video.paused ? video.play() : video.pause()),
      k: () => (video.paused ? video.play() : video.pause()),
      ArrowLeft: () => seek(-5),
      ArrowRight: () => seek(5),
      j: () => seek(-10),
      l: () => seek(10),
      ArrowUp: () => { video.volume = Math.min(1, video.volume + 0.1); },
      ArrowDown: () => { video.volume = Math.max(0, video.volume - 0.1); },
      m: () => { video.muted = !video.muted; },
      f: () => (document.fullscreenElement ? document.exitFullscreen() : box.requestFullscreen()),
    };
    const action = keys[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  });
})();
