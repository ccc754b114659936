// A learner's progress in a lesson: window.lessonProgress.put sends a report (PUT
// /api/progress/{enrollment}/lessons/{lesson}) for the video player, and the "Mark as complete"
// button of lessons without a video uses it too. Only enrolled learners' pages load this script.
(function () {
  'use strict';
  const meta = (name) => (document.querySelector('meta[name="' + name + '"]') || {}).content;
  const csrfToken = meta('_csrf');
  const csrfHeader = meta('_csrf_header') || 'X-CSRF-TOKEN';

  class ReportError extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }

    // worth sending again: the network, the server or a proxy gave up, not a refusal
    get transient() {
      return this.status === 0 || this.status === 408 || this.status === 429 || this.status >= 500;
    }
  }

  // resolves with the HTTP status (202 buffered, 200 applied); rejects with a ReportError
  async function put(enrollment, lesson, report, keepalive) {
    const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
    if (csrfToken) headers[csrfHeader] = csrfToken;
    let res;
    try {
      res = await fetch('/api/progress/' + enrollment + '/lessons/' + lesson, {
        method: 'PUT',
        credentials: 'same-origin',
        headers,
        body: JSON.stringify(report),
        keepalive: Boolean(keepalive),
      });
    } catch (e) {
      throw new ReportError(0, 'the connection to the server was lost');
    }
    if (res.ok) {
      return res.status;
    }
    let message = 'the server answered ' + res.status;
    try {
      const data = await res.json();
      if (data && data.message) message = data.message;
    } catch (e) {
      // not JSON: an error page of a proxy, say
    }
    throw new ReportError(res.status, message);
  }

  window.lessonProgress = { put };

  // ---- lessons without a video: the learner says when they are done ----

  const section = document.getElementById('lesson-body');
  const button = document.getElementById('mark-complete');
  if (!section || !button) {
    return;
  }
  const done = document.getElementById('completed-state');
  const error = document.getElementById('complete-error');
  button.addEventListener('click', async () => {
    button.disabled = true;
    error.hidden = true;
    try {
      await put(section.dataset.enrollment, section.dataset.lesson, { completed: true });
      button.hidden = true;
      done.hidden = false;
    } catch (e) {
      error.textContent = e.transient ? 'Could not save that just now (' + e.message + '); try again.'
        : 'Could not mark this lesson complete: ' + e.message;
      error.hidden = false;
      button.disabled = false;
    }
  });
})();
