// The programming part of an ASSIGNMENT lesson's page: the assignment (GET
// /api/assessments/{lesson}/assignment), an editor with the starter code of the chosen language,
// Submit (POST /api/assessments/{lesson}/submit), then the submission followed live (GET its
// status_url every second) from queued through running to per-test verdicts, and earlier submissions.
(function () {
  'use strict';
  const root = document.getElementById('code-assignment');
  if (!root) return;
  const lesson = root.dataset.lesson;
  const meta = (name) => (document.querySelector('meta[name="' + name + '"]') || {}).content;
  const csrfToken = meta('_csrf');
  const csrfHeader = meta('_csrf_header') || 'X-CSRF-TOKEN';
  const $ = (id) => document.getElementById(id);
  const MODES = { python: 'python', java: 'text/x-java', cpp: 'text/x-c++src', javascript: 'javascript' };
  const STATUS = { REQUESTED: 'Queued', QUEUED: 'Queued', RUNNING: 'Running', GRADED: 'Graded', FAILED: 'Not graded' };
  const VERDICTS = {
    ACCEPTED: 'Accepted', WRONG_ANSWER: 'Wrong answer', TIME_LIMIT: 'Time limit exceeded',
    MEMORY_LIMIT: 'Memory limit exceeded', RUNTIME_ERROR: 'Runtime error', COMPILE_ERROR: 'Compile error',
    OUTPUT_LIMIT: 'Output limit exceeded', PASSED: 'Passed', FAILED: 'Failed',
  };

  let assignment = null;
  let editor = null;
  let language = null;
  let following = null;

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v === null || v === undefined || v === false) return;
      if (k === 'class') node.className = v; else if (k === 'text') node.textContent = v; else node.setAttribute(k, v);
    });
    children.flat().forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(String(c))));
    return node;
  }

  async function api(method, path, body) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && csrfToken) headers[csrfHeader] = csrfToken;
    const res = await fetch(path, { method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body) });
    let json = null;
    try { json = await res.json(); } catch (e) { /* no body */ }
    if (!res.ok) {
      const err = new Error((json && json.message) || ('the server answered ' + res.status));
      err.status = res.status;
      err.field = json && json.field;
      throw err;
    }
    return json;
  }

  // ---- the editor ----

  const draftKey = (lang) => 'code-draft:' + lesson + ':' + lang;

  function source() {
    return editor ? editor.getValue() : $('code-source').value;
  }

  function setSource(text) {
    if (editor) editor.setValue(text); else $('code-source').value = text;
  }

  function starter(lang) {
    const found = assignment.languages.find((l) => l.id === lang);
    return found ? found.starter_code : '';
  }

  function chooseLanguage(lang) {
    if (language) localStorage.setItem(draftKey(language), source());
    language = lang;
    $('code-language').value = lang;
    if (editor) editor.setOption('mode', MODES[lang] || null);
    const draft = localStorage.getItem(draftKey(lang));
    setSource(draft !== null ? draft : starter(lang));
  }

  function setUpEditor() {
    const area = $('code-source');
    if (window.CodeMirror) {
      editor = window.CodeMirror.fromTextArea(area, {
        lineNumbers: true, indentUnit: 4, tabSize: 4, indentWithTabs: false, matchBrackets: true,
        viewportMargin: Infinity,
        extraKeys: {
          Tab: (cm) => (cm.somethingSelected() ? cm.indentSelection('add') : cm.replaceSelection('    ', 'end')),
          'Shift-Tab': (cm) => cm.indentSelection('subtract'),
        },
      });
      editor.on('change', () => localStorage.setItem(draftKey(language), editor.getValue()));
      window.codeEditor = editor;
    } else {
      // no editor library: a plain textarea where Tab indents
      area.addEventListener('keydown', (e) => {
        if (e.key !== 'Tab') return;
        e.preventDefault();
        const start = area.selectionStart;
        area.setRangeText('    ', start, area.selectionEnd, 'end');
      });
      area.addEventListener('input', () => localStorage.setItem(draftKey(language), area.value));
    }
  }

  // ---- the assignment ----

  function renderAssignment() {
    const a = assignment;
    const rules = $('assignment-rules');
    rules.replaceChildren(
      el('li', { text: 'Your program reads the input on stdin and prints its answer on stdout.' }),
      el('li', { text: a.examples.length + ' example test' + (a.examples.length === 1 ? '' : 's')
        + (a.hidden_tests ? ' and ' + a.hidden_tests + ' hidden test' + (a.hidden_tests === 1 ? '' : 's')
          + ' (you only learn whether they pass)' : '') + ', ' + a.total_points + ' points in all.' }),
      el('li', { text: 'You pass with ' + a.passing_percent + ' % of the points. Each test may run for '
        + (a.time_limit_ms / 1000) + ' s and use ' + a.memory_mb + ' MB.' }));
    const examples = $('examples');
    examples.replaceChildren(...a.examples.map((x) => el('div', { class: 'example' },
      el('h4', { text: 'Example ' + x.position + ': ' + x.name }),
      el('div', {}, el('div', { class: 'label', text: 'Input' }), el('pre', { text: x.stdin || '(empty)' })),
      el('div', {}, el('div', { class: 'label', text: 'Expected output' }),
        el('pre', { text: x.expected_stdout || '(empty)' })))));
    const select = $('code-language');
    select.replaceChildren(...a.languages.map((l) => el('option', { value: l.id, text: l.label })));
    updateLeft();
    if (a.enrollment_id === null) {
      $('submit-code').disabled = true;
      $('staff-preview').hidden = false;
    }
    if (a.passed) $('completed-state') && ($('completed-state').hidden = false);
  }

  function updateLeft() {
    const a = assignment;
    const left = a.submissions_left;
    $('submissions-left').textContent = left === null || left === undefined ? ''
      : left + ' of ' + a.max_submissions + ' submissions left';
    if (left === 0) $('submit-code').disabled = true;
  }

  // ---- one submission, followed live ----

  function verdictClass(t) {
    return t.passed ? 'verdict ok' : 'verdict bad';
  }

  function renderSubmission(s) {
    $('current-submission').hidden = false;
    const chip = $('submission-status');
    chip.dataset.status = s.status;
    chip.className = 'status-chip' + (s.status === 'GRADED' ? (s.passed ? ' passed' : ' not-passed') : '');
    chip.textContent = s.status === 'GRADED' ? (s.passed ? 'Passed' : 'Not passed') : STATUS[s.status] || s.status;
    $('submission-score').textContent = s.status === 'GRADED' ? s.score + ' / ' + s.max_score + ' points' : '';
    const waiting = { REQUESTED: 'stored, waiting for a grader', QUEUED: 'waiting for a grader',
      RUNNING: 'running your program against the tests' };
    $('submission-detail').textContent = s.status === 'FAILED' ? s.failure_reason || ''
      : s.status_detail || waiting[s.status]
        || (s.status === 'GRADED' ? 'graded ' + new Date(s.graded_at).toLocaleTimeString() : '');
    const compile = s.compile_status === 'ERROR' && s.compile_message;
    $('compile-output').hidden = !compile;
    $('compile-output').open = Boolean(compile);
    $('compile-message').textContent = compile || '';
    const body = $('results').querySelector('tbody');
    body.replaceChildren(...s.tests.map((t) => {
      const details = [];
      if (!t.hidden && (t.stdout || t.stderr || t.message)) {
        const d = el('details', {}, el('summary', { text: 'output' }));
        if (t.message) d.append(el('div', { class: 'label', text: 'Grader' }), el('pre', { text: t.message }));
        if (t.stdout) d.append(el('div', { class: 'label', text: 'Your stdout' }), el('pre', { text: t.stdout }));
        if (t.stderr) d.append(el('div', { class: 'label', text: 'Your stderr' }), el('pre', { text: t.stderr }));
        details.push(d);
      }
      return el('tr', { 'data-verdict': t.verdict, 'data-hidden': String(t.hidden) },
        el('td', { text: t.position }),
        el('td', {}, t.name, t.hidden ? el('span', { class: 'chip', text: 'hidden' }) : '', details),
        el('td', {}, el('span', { class: verdictClass(t), text: VERDICTS[t.verdict] || t.verdict })),
        el('td', { text: t.time_ms === null || t.time_ms === undefined ? '' : t.time_ms + ' ms' }),
        el('td', { text: t.points + ' / ' + t.max_points }));
    }));
    $('results').hidden = s.tests.length === 0;
    if (s.status === 'GRADED' && s.passed && $('completed-state')) $('completed-state').hidden = false;
  }

  function follow(statusUrl) {
    if (following) clearTimeout(following);
    const tick = async () => {
      following = null;
      let s;
      try {
        s = await api('GET', statusUrl);
      } catch (e) {
        following = setTimeout(tick, 2000); // the server or the network hiccupped: keep following
        return;
      }
      renderSubmission(s);
      if (s.finished) {
        loadHistory();
      } else {
        following = setTimeout(tick, 1000);
      }
    };
    tick();
  }

  async function submit() {
    const error = $('submit-error');
    error.hidden = true;
    const button = $('submit-code');
    button.disabled = true;
    try {
      const accepted = await api('POST', '/api/assessments/' + lesson + '/submit', { language, source: source() });
      renderSubmission({ status: accepted.status, tests: [], status_detail: 'Your submission is stored and waits for a grader' });
      follow(accepted.status_url);
      if (assignment.submissions_left !== null && assignment.submissions_left !== undefined) {
        assignment.submissions_left -= 1;
      }
      loadHistory();
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
    } finally {
      button.disabled = false;
      updateLeft();
    }
  }

  // ---- earlier submissions ----

  async function loadHistory() {
    if (assignment.enrollment_id === null) return;
    let list;
    try {
      list = await api('GET', '/api/assessments/' + lesson + '/code-submissions');
    } catch (e) {
      return;
    }
    $('no-submissions').hidden = list.length > 0;
    $('submission-history').hidden = list.length === 0;
    $('submission-history').querySelector('tbody').replaceChildren(...list.map((s) => {
      const open = el('button', { type: 'button', class: 'link', text: 'Show' });
      open.addEventListener('click', async () => {
        const full = await api('GET', s.status_url);
        renderSubmission(full);
        if (full.source && full.language) {
          chooseLanguage(full.language);
          setSource(full.source);
        }
        if (!full.finished) follow(full.status_url);
      });
      const label = s.status === 'GRADED' ? (s.passed ? 'Passed' : 'Not passed') : STATUS[s.status] || s.status;
      return el('tr', { 'data-submission': s.submission_id, 'data-status': s.status },
        el('td', { text: new Date(s.created_at).toLocaleString() }),
        el('td', { text: (assignment.languages.find((l) => l.id === s.language) || { label: s.language }).label }),
        el('td', { text: label }),
        el('td', { text: s.status === 'GRADED' ? s.score + ' / ' + s.max_score : '' }),
        el('td', {}, open));
    }));
    const running = list.find((s) => !s.finished);
    if (running && !following && $('current-submission').hidden) follow(running.status_url);
  }

  async function start() {
    try {
      assignment = await api('GET', '/api/assessments/' + lesson + '/assignment');
    } catch (e) {
      $('assignment-loading').textContent = 'The assignment could not be loaded: ' + e.message;
      return;
    }
    $('assignment-loading').hidden = true;
    if (!assignment.configured) {
      $('assignment-not-ready').hidden = false;
      return;
    }
    $('assignment-body').hidden = false;
    renderAssignment();
    setUpEditor();
    chooseLanguage(assignment.languages[0].id);
    $('code-language').addEventListener('change', (e) => chooseLanguage(e.target.value));
    $('reset-starter').addEventListener('click', () => setSource(starter(language)));
    $('submit-code').addEventListener('click', submit);
    loadHistory();
  }

  start();
}());
