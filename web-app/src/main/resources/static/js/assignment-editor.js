// The instructor's editor of a programming assignment: GET and PUT /api/teach/lessons/{lesson}/assignment.
// Languages with starter code, tests (visible or hidden, compare mode, tolerance, points), the passing
// score and limits; a refused save points at the field the server named.
(function () {
  'use strict';
  const root = document.getElementById('assignment-editor');
  if (!root) return;
  const lesson = root.dataset.lesson;
  const url = '/api/teach/lessons/' + lesson + '/assignment';
  const meta = (name) => (document.querySelector('meta[name="' + name + '"]') || {}).content;
  const csrfToken = meta('_csrf');
  const csrfHeader = meta('_csrf_header') || 'X-CSRF-TOKEN';
  const $ = (id) => document.getElementById(id);
  const LANGUAGES = [['python', 'Python 3'], ['java', 'Java'], ['cpp', 'C++'], ['javascript', 'JavaScript (Node.js)']];

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v === null || v === undefined || v === false) return;
      if (k === 'class') node.className = v; else if (k === 'text') node.textContent = v; else node.setAttribute(k, v);
    });
    children.flat().forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(String(c))));
    return node;
  }

  function tabIndents(area) {
    area.addEventListener('keydown', (e) => {
      if (e.key !== 'Tab') return;
      e.preventDefault();
      area.setRangeText('    ', area.selectionStart, area.selectionEnd, 'end');
    });
    return area;
  }

  async function api(method, body) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (method !== 'GET' && csrfToken) headers[csrfHeader] = csrfToken;
    const res = await fetch(url, { method, headers, credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body) });
    let json = null;
    try { json = await res.json(); } catch (e) { /* no body */ }
    if (!res.ok) {
      const err = new Error((json && json.message) || ('the server answered ' + res.status));
      err.field = json && json.field;
      throw err;
    }
    return json;
  }

  // ---- languages ----

  function renderLanguages(chosen) {
    const box = $('languages');
    box.querySelectorAll('.language').forEach((n) => n.remove());
    LANGUAGES.forEach(([id, label]) => {
      const current = chosen.find((l) => l.language === id);
      const check = el('input', { type: 'checkbox', id: 'lang-' + id, 'data-language': id, checked: Boolean(current) });
      const starter = tabIndents(el('textarea', { id: 'starter-' + id, spellcheck: 'false',
        'aria-label': label + ' starter code', placeholder: 'Starter code learners begin with (may be empty)' }));
      starter.value = current ? current.starter_code : '';
      starter.hidden = !current;
      check.addEventListener('change', () => { starter.hidden = !check.checked; });
      box.append(el('div', { class: 'language' },
        el('label', { class: 'pick', for: 'lang-' + id }, check, label), starter));
    });
  }

  // ---- tests ----

  function testCard(t) {
    const card = el('div', { class: 'test', 'data-test-id': t.id === undefined || t.id === null ? '' : t.id });
    const name = el('input', { type: 'text', class: 't-name', maxlength: '200', value: t.name || '',
      'aria-label': 'Test name' });
    const mode = el('select', { class: 't-mode', 'aria-label': 'Comparison' },
      ...[['TRIMMED', 'Trimmed'], ['EXACT', 'Exact'], ['NUMERIC', 'Numeric']]
        .map(([v, l]) => el('option', { value: v, text: l, selected: (t.compare_mode || 'TRIMMED') === v })));
    const tolerance = el('input', { type: 'number', class: 't-tolerance', step: 'any', min: '0', max: '1',
      value: t.tolerance === null || t.tolerance === undefined ? '' : t.tolerance, placeholder: '1e-6',
      'aria-label': 'Tolerance' });
    const points = el('input', { type: 'number', class: 't-points', min: '0', max: '1000',
      value: t.points === undefined ? 1 : t.points, 'aria-label': 'Points' });
    const hidden = el('input', { type: 'checkbox', class: 't-hidden', checked: Boolean(t.hidden) });
    const stdin = tabIndents(el('textarea', { class: 't-stdin', spellcheck: 'false', 'aria-label': 'Input (stdin)' }));
    stdin.value = t.stdin || '';
    const expected = tabIndents(el('textarea', { class: 't-expected', spellcheck: 'false',
      'aria-label': 'Expected output (stdout)' }));
    expected.value = t.expected_stdout || '';
    const toleranceBox = el('div', {}, el('label', { text: 'Tolerance' }), tolerance);
    const showTolerance = () => { toleranceBox.style.visibility = mode.value === 'NUMERIC' ? 'visible' : 'hidden'; };
    mode.addEventListener('change', showTolerance);
    showTolerance();
    const up = el('button', { type: 'button', class: 'link', text: 'Move up' });
    up.addEventListener('click', () => { if (card.previousElementSibling) card.parentNode.insertBefore(card, card.previousElementSibling); summary(); });
    const remove = el('button', { type: 'button', class: 'link t-remove', text: 'Remove' });
    remove.addEventListener('click', () => { card.remove(); summary(); });
    [points, hidden].forEach((i) => i.addEventListener('change', summary));
    card.append(
      el('div', { class: 'test-head' },
        el('div', {}, el('label', { text: 'Name' }), name),
        el('div', {}, el('label', { text: 'Comparison' }), mode),
        toleranceBox,
        el('div', {}, el('label', { text: 'Points' }), points),
        el('label', { class: 'pick' }, hidden, ' hidden')),
      el('div', { class: 'test-io' },
        el('div', {}, el('label', { text: 'Input (stdin)' }), stdin),
        el('div', {}, el('label', { text: 'Expected output (stdout)' }), expected)),
      el('div', { class: 'test-actions' }, up, remove));
    return card;
  }

  function summary() {
    const cards = [...$('tests').querySelectorAll('.test')];
    const total = cards.reduce((n, c) => n + (parseInt(c.querySelector('.t-points').value, 10) || 0), 0);
    const hidden = cards.filter((c) => c.querySelector('.t-hidden').checked).length;
    $('assignment-summary').textContent = cards.length + ' tests (' + hidden + ' hidden), ' + total + ' points';
  }

  // ---- reading and saving ----

  const number = (id) => ($(id).value === '' ? null : Number($(id).value));

  function collect() {
    return {
      passing_percent: number('passing-percent'),
      max_submissions: number('max-submissions'),
      time_limit_ms: number('time-limit'),
      memory_mb: number('memory-limit'),
      languages: LANGUAGES.filter(([id]) => $('lang-' + id).checked)
        .map(([id]) => ({ language: id, starter_code: $('starter-' + id).value })),
      tests: [...$('tests').querySelectorAll('.test')].map((c) => ({
        id: c.dataset.testId ? Number(c.dataset.testId) : null,
        name: c.querySelector('.t-name').value,
        stdin: c.querySelector('.t-stdin').value,
        expected_stdout: c.querySelector('.t-expected').value,
        compare_mode: c.querySelector('.t-mode').value,
        tolerance: c.querySelector('.t-tolerance').value === '' ? null : Number(c.querySelector('.t-tolerance').value),
        hidden: c.querySelector('.t-hidden').checked,
        points: c.querySelector('.t-points').value === '' ? null : Number(c.querySelector('.t-points').value),
      })),
    };
  }

  // the input a field name of the API (tests[2].points, languages[0].language …) stands for
  function fieldInput(field) {
    const ids = { passing_percent: 'passing-percent', max_submissions: 'max-submissions',
      time_limit_ms: 'time-limit', memory_mb: 'memory-limit', languages: 'languages', tests: 'tests' };
    if (ids[field]) return $(ids[field]);
    const test = /^tests\[(\d+)\]\.?(\w*)$/.exec(field || '');
    if (test) {
      const card = $('tests').querySelectorAll('.test')[Number(test[1])];
      const cls = { name: '.t-name', stdin: '.t-stdin', expected_stdout: '.t-expected', compare_mode: '.t-mode',
        tolerance: '.t-tolerance', points: '.t-points' }[test[2]];
      return card && (cls ? card.querySelector(cls) : card);
    }
    const lang = /^languages\[(\d+)\]/.exec(field || '');
    if (lang) return $('languages');
    return null;
  }

  function fill(form) {
    $('passing-percent').value = form.passing_percent;
    $('max-submissions').value = form.max_submissions === null ? '' : form.max_submissions;
    $('time-limit').value = form.time_limit_ms;
    $('memory-limit').value = form.memory_mb;
    renderLanguages(form.configured ? form.languages : [{ language: 'python', starter_code: '' }]);
    const tests = form.configured ? form.tests : [{ name: 'Example 1', points: 1 }];
    $('tests').replaceChildren(...tests.map(testCard));
    summary();
  }

  async function save(e) {
    e.preventDefault();
    root.querySelectorAll('.invalid').forEach((n) => n.classList.remove('invalid'));
    $('assignment-error').hidden = true;
    $('assignment-saved').hidden = true;
    try {
      const saved = await api('PUT', collect());
      fill(saved);
      $('assignment-saved').hidden = false;
    } catch (err) {
      $('assignment-error').textContent = err.message;
      $('assignment-error').hidden = false;
      const input = fieldInput(err.field);
      if (input) {
        input.classList.add('invalid');
        input.scrollIntoView({ block: 'center' });
      }
    }
  }

  async function start() {
    let form;
    try {
      form = await api('GET');
    } catch (err) {
      $('assignment-loading').textContent = 'The assignment could not be loaded: ' + err.message;
      return;
    }
    $('assignment-loading').hidden = true;
    $('assignment-form').hidden = false;
    fill(form);
    $('add-test').addEventListener('click', () => {
      $('tests').append(testCard({ name: 'Test ' + ($('tests').children.length + 1), points: 1 }));
      summary();
    });
    $('assignment-form').addEventListener('submit', save);
  }

  start();
}());
