// The lesson player: hls.js over the signed edge URLs (adaptive bitrate), a quality menu, keyboard
// controls. window.lessonPlayer exposes its state for the browser tests and the benchmark.
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
    error: null };
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

  const master = box.dataset.master;
  let hls = null;
  if (window.Hls && window.Hls.isSupported()) {
    hls = new window.Hls({ capLevelToPlayerSize: false, startLevel: -1 });
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
