// Taking a quiz on its lesson page (assessments are addressed by the lesson id): the learner's standing (GET /api/assessments/{lesson}), starting
// or resuming an attempt (POST .../attempts), answers saved as they change (PUT .../answers: on a
// timed quiz they are what counts once time is up), submitting (POST .../submit) and the result with
// per-question feedback. A timed attempt is submitted by itself when its time runs out.
(function () {
  'use strict';
  const section = document.getElementById('quiz');
  if (!section) return;
  const quizId = section.dataset.quiz;
  const overviewBox = document.getElementById('quiz-overview');
  const form = document.getElementById('quiz-form');
  const resultBox = document.getElementById('quiz-result');
  const errorBox = document.getElementById('quiz-error');
  const timer = document.getElementById('quiz-timer');
  const meta = (name) => (document.querySelector('meta[name="' + name + '"]') || {}).content;
  const csrfToken = meta('_csrf');
  const csrfHeader = meta('_csrf_header') || 'X-CSRF-TOKEN';
  const state = { attempt: null, tick: null, saveTimer: null, submitting: false };
  window.quizPage = state;

  async function api(method, path, body) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (csrfToken) headers[csrfHeader] = csrfToken;
    let res;
    try {
      res = await fetch('/api/assessments/' + quizId + path, {
        method, credentials: 'same-origin', headers, body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new Error('the connection to the server was lost; try again');
    }
    let data = null;
    try { data = await res.json(); } catch (e) { /* not JSON */ }
    if (!res.ok) {
      const err = new Error((data && data.message) || ('the server answered ' + res.status));
      err.status = res.status;
      err.code = data && data.error;
      throw err;
    }
    return data;
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v === null || v === undefined || v === false) return;
      if (k === 'text') node.textContent = v;
      else if (k === 'className') node.className = v;
      else node.setAttribute(k, v === true ? '' : v);
    });
    children.flat().forEach((c) => c && node.append(c));
    return node;
  }

  const when = (iso) => new Date(iso).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
  const plural = (n, one, many) => n + ' ' + (n === 1 ? one : many);
  function duration(seconds) {
    if (seconds >= 3600 && seconds % 3600 === 0) return plural(seconds / 3600, 'hour', 'hours');
    if (seconds >= 60 && seconds % 60 === 0) return plural(seconds / 60, 'minute', 'minutes');
    return plural(seconds, 'second', 'seconds');
  }

  function showError(e) {
    errorBox.textContent = e.message;
    errorBox.hidden = false;
  }

  // ---- the learner's standing ----

  async function loadOverview() {
    const o = await api('GET', '');
    state.overview = o;
    const facts = [plural(o.question_count, 'question', 'questions'), plural(o.max_score, 'point', 'points'),
      'pass with ' + o.passing_percent + ' %',
      o.max_attempts == null ? 'unlimited attempts' : plural(o.max_attempts, 'attempt', 'attempts'),
      o.time_limit_seconds == null ? 'no time limit' : duration(o.time_limit_seconds) + ' per attempt'];
    if (o.cooldown_seconds > 0) facts.push(duration(o.cooldown_seconds) + ' between attempts');
    const status = o.passed
      ? el('p', { className: 'quiz-badge passed', id: 'quiz-status', text: 'Passed · best score ' + o.best_score + ' of ' + o.max_score })
      : el('p', { className: 'quiz-badge', id: 'quiz-status', text: o.attempts_used === 0 ? 'Not attempted yet'
        : 'Not passed yet · best score ' + (o.best_score == null ? 0 : o.best_score) + ' of ' + o.max_score });
    const children = [el('p', { className: 'meta', id: 'quiz-facts', text: facts.join(' · ') }), status];
    if (o.attempts.length > 0) children.push(history(o));
    const actions = el('div', { className: 'row' });
    let note = null;
    if (o.open_attempt_id != null) {
      actions.append(el('button', { type: 'button', className: 'primary', id: 'quiz-start', text: 'Resume attempt' }));
    } else if (o.attempts_left === 0) {
      note = el('p', { className: 'muted', id: 'quiz-note', text: 'You have used all your attempts.' });
    } else if (o.next_attempt_at) {
      note = el('p', { className: 'muted', id: 'quiz-note', text: 'Your next attempt opens ' + when(o.next_attempt_at) + '.' });
    } else {
      actions.append(el('button', { type: 'button', className: 'primary', id: 'quiz-start',
        text: o.attempts_used === 0 ? 'Start quiz' : 'Try again' }));
      if (o.attempts_left != null) {
        note = el('p', { className: 'muted', id: 'quiz-note', text: plural(o.attempts_left, 'attempt', 'attempts') + ' left.' });
      }
    }
    overviewBox.replaceChildren(...children, actions, note || '');
    const start = document.getElementById('quiz-start');
    if (start) start.addEventListener('click', () => begin().catch(showError));
    overviewBox.hidden = false;
  }

  function history(o) {
    const rows = o.attempts.map((a) => el('tr', { id: 'quiz-attempt-' + a.number },
      el('td', { text: '#' + a.number }),
      el('td', { text: a.status === 'STARTED' ? 'in progress' : a.status === 'EXPIRED' ? 'time ran out'
        : a.score + ' / ' + a.max_score + (a.late ? ' (at the deadline)' : '') }),
      el('td', { className: a.passed ? 'ok' : '', text: a.status === 'STARTED' ? '' : a.passed ? 'passed' : 'not passed' }),
      el('td', { className: 'muted', text: a.submitted_at ? when(a.submitted_at) : when(a.started_at) })));
    return el('table', { className: 'table quiz-history', id: 'quiz-history' },
      el('thead', {}, el('tr', {}, el('th', { text: 'Attempt' }), el('th', { text: 'Score' }), el('th', { text: 'Result' }),
        el('th', { text: 'When' }))), el('tbody', {}, rows));
  }

  // ---- an attempt ----

  async function begin() {
    errorBox.hidden = true;
    const attempt = await api('POST', '/attempts');
    state.attempt = attempt;
    overviewBox.hidden = true;
    resultBox.hidden = true;
    renderQuestions(attempt);
    if (attempt.deadline) startTimer(new Date(attempt.deadline).getTime());
  }

  function renderQuestions(attempt) {
    const saved = new Map((attempt.saved_answers || []).map((a) => [a.question_id, a]));
    const items = attempt.questions.map((q, i) => {
      const name = 'q-' + q.id;
      const was = saved.get(q.id) || {};
      const body = [];
      if (q.kind === 'SINGLE' || q.kind === 'MULTIPLE') {
        const type = q.kind === 'SINGLE' ? 'radio' : 'checkbox';
        q.options.forEach((o) => {
          const checked = q.kind === 'SINGLE' ? was.choice === o.id : (was.choices || []).includes(o.id);
          body.push(el('label', { className: 'quiz-option' },
            el('input', { type, name, value: o.id, checked }), el('span', { text: o.text })));
        });
      } else if (q.kind === 'TRUE_FALSE') {
        [['true', 'True'], ['false', 'False']].forEach(([v, label]) => body.push(el('label', { className: 'quiz-option' },
          el('input', { type: 'radio', name, value: v, checked: was.value !== undefined && String(was.value) === v }),
          el('span', { text: label }))));
      } else if (q.kind === 'NUMERIC') {
        body.push(el('input', { type: 'number', step: 'any', name, className: 'quiz-number', 'aria-label': 'Your answer',
          value: was.value === undefined ? null : String(was.value) }));
      } else {
        body.push(el('input', { type: 'text', name, className: 'quiz-text', maxlength: '1000', 'aria-label': 'Your answer',
          value: was.text || null }));
      }
      const hint = q.kind === 'MULTIPLE' ? ' · choose all that apply' : '';
      return el('fieldset', { className: 'quiz-question', id: 'question-' + q.id, 'data-kind': q.kind, 'data-id': q.id },
        el('legend', {}, el('span', { className: 'quiz-number-label', text: (i + 1) + '.' }), ' ', el('span', { text: q.prompt })),
        el('p', { className: 'muted small-print', text: plural(q.points, 'point', 'points') + hint }), ...body);
    });
    const footer = el('div', { className: 'row quiz-actions' },
      el('button', { type: 'submit', className: 'primary', id: 'quiz-submit', text: 'Submit answers' }),
      el('span', { className: 'muted', id: 'quiz-saved', 'aria-live': 'polite' }));
    form.replaceChildren(el('p', { className: 'muted', id: 'quiz-attempt-label', text: 'Attempt ' + attempt.number
      + (attempt.resumed ? ' (resumed)' : '') }), ...items, footer);
    form.hidden = false;
    form.oninput = scheduleSave;
    form.onchange = scheduleSave;
    form.onsubmit = (e) => { e.preventDefault(); submit(false); };
  }

  function answers() {
    return state.attempt.questions.map((q) => {
      const name = 'q-' + q.id;
      const answer = { question_id: q.id };
      if (q.kind === 'SINGLE') {
        const c = form.querySelector('input[name="' + name + '"]:checked');
        if (c) answer.choice = c.value;
      } else if (q.kind === 'MULTIPLE') {
        answer.choices = [...form.querySelectorAll('input[name="' + name + '"]:checked')].map((c) => c.value);
      } else if (q.kind === 'TRUE_FALSE') {
        const c = form.querySelector('input[name="' + name + '"]:checked');
        if (c) answer.value = c.value === 'true';
      } else if (q.kind === 'NUMERIC') {
        const v = form.querySelector('input[name="' + name + '"]').value.trim();
        if (v !== '' && Number.isFinite(Number(v))) answer.value = Number(v);
      } else {
        const v = form.querySelector('input[name="' + name + '"]').value;
        if (v.trim() !== '') answer.text = v;
      }
      return answer;
    });
  }

  function scheduleSave() {
    clearTimeout(state.saveTimer);
    state.saveTimer = setTimeout(save, 800);
  }

  async function save() {
    if (!state.attempt || state.submitting) return;
    const label = document.getElementById('quiz-saved');
    try {
      await api('PUT', '/attempts/' + state.attempt.attempt_id + '/answers', { answers: answers() });
      if (label) label.textContent = 'Answers saved';
    } catch (e) {
      if (label) label.textContent = 'Not saved: ' + e.message;
    }
  }

  function startTimer(deadline) {
    clearInterval(state.tick);
    const show = () => {
      const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      timer.textContent = Math.floor(left / 60) + ':' + String(left % 60).padStart(2, '0') + ' left';
      timer.classList.toggle('urgent', left <= 60);
      timer.hidden = false;
      if (left === 0) {
        clearInterval(state.tick);
        submit(true);
      }
    };
    show();
    state.tick = setInterval(show, 1000);
  }

  async function submit(timeUp) {
    if (state.submitting || !state.attempt) return;
    state.submitting = true;
    clearTimeout(state.saveTimer);
    const button = document.getElementById('quiz-submit');
    if (button) button.disabled = true;
    errorBox.hidden = true;
    try {
      const result = await api('POST', '/submit', { attempt_id: state.attempt.attempt_id, answers: answers() });
      showResult(result, timeUp);
    } catch (e) {
      showError(e);
      if (e.status === 409) {
        finish();
        await loadOverview();
      } else if (button) {
        button.disabled = false;
      }
    } finally {
      state.submitting = false;
    }
  }

  function finish() {
    clearInterval(state.tick);
    timer.hidden = true;
    form.hidden = true;
    state.attempt = null;
  }

  function showResult(r, timeUp) {
    finish();
    const head = el('div', { className: 'quiz-score ' + (r.passed ? 'passed' : 'failed'), id: 'quiz-score' },
      el('strong', { id: 'quiz-verdict', text: r.passed ? 'Passed' : 'Not passed' }),
      el('span', { id: 'quiz-points', text: r.score + ' of ' + r.max_score + ' points (' + r.percent + ' %)' }),
      el('span', { className: 'muted', text: 'pass mark ' + r.passing_percent + ' %' }));
    const notes = [];
    if (r.late) notes.push(el('p', { className: 'notice', text: (timeUp ? 'Time is up. ' : '')
      + 'Graded on the answers saved by the deadline, ' + when(r.submitted_at) + '.' }));
    const items = r.feedback.map((f, i) => el('li', { className: 'quiz-feedback ' + (f.correct ? 'right' : 'wrong'),
      id: 'feedback-' + f.question_id },
      el('p', { className: 'quiz-feedback-head' },
        el('span', { className: 'mark', text: f.correct ? '✓' : '✗' }), ' ',
        el('strong', { text: (i + 1) + '. ' + f.prompt }),
        el('span', { className: 'muted', text: ' ' + f.points_awarded + '/' + f.points })),
      el('p', { className: 'small-print' }, 'Your answer: ', el('span', { className: 'your-answer',
        text: f.answered ? f.your_answer : '(no answer)' })),
      f.correct ? null : el('p', { className: 'small-print' }, 'Correct answer: ',
        el('span', { className: 'correct-answer', text: f.correct_answer })),
      f.explanation ? el('p', { className: 'explanation', text: f.explanation }) : null));
    // attempts left are in the standing below; the cooldown is said here
    const more = r.next_attempt_at ? ['Your next attempt opens ' + when(r.next_attempt_at) + '.'] : [];
    resultBox.replaceChildren(head, ...notes, el('ol', { className: 'quiz-feedback-list', id: 'quiz-feedback' }, items),
      more.length ? el('p', { className: 'muted', id: 'quiz-next', text: more.join(' · ') }) : '');
    resultBox.hidden = false;
    if (r.passed) {
      const done = document.getElementById('completed-state');
      if (done) done.hidden = false;
    }
    loadOverview().catch(showError);
  }

  loadOverview().then(() => {
    if (state.overview && state.overview.open_attempt_id != null) return begin();
    return null;
  }).catch(showError);
})();
