// The quiz editor of a QUIZ lesson's teach page: reads the quiz (GET /api/teach/lessons/{id}/quiz),
// lets the instructor change settings and add, edit, reorder and remove questions of every kind, and
// saves it whole (PUT, a new version). A refusal names its field, which is outlined.
(function () {
  'use strict';
  const section = document.getElementById('quiz-editor');
  if (!section) return;
  const lessonId = section.dataset.lessonId;
  const list = document.getElementById('quiz-questions');
  const errorBox = document.getElementById('quiz-editor-error');
  const saved = document.getElementById('quiz-saved');
  const total = document.getElementById('quiz-total');
  const meta = (name) => (document.querySelector('meta[name="' + name + '"]') || {}).content;
  const csrfToken = meta('_csrf');
  const csrfHeader = meta('_csrf_header') || 'X-CSRF-TOKEN';
  const KINDS = { SINGLE: 'Single choice', MULTIPLE: 'Multiple choice', TRUE_FALSE: 'True / false',
    NUMERIC: 'Number', TEXT: 'Short text' };
  const settings = {
    passing_percent: document.getElementById('quiz-passing'),
    max_attempts: document.getElementById('quiz-max-attempts'),
    cooldown_seconds: document.getElementById('quiz-cooldown'),
    time_limit_seconds: document.getElementById('quiz-time-limit'),
    late_policy: document.getElementById('quiz-late-policy'),
    shuffle_options: document.getElementById('quiz-shuffle'),
  };
  let questions = [];
  window.quizEditor = { get questions() { return questions; } };

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (v === null || v === undefined || v === false) return;
      if (k === 'text') node.textContent = v;
      else if (k === 'className') node.className = v;
      else if (k === 'value') node.value = v;
      else node.setAttribute(k, v === true ? '' : v);
    });
    children.flat().forEach((c) => c && node.append(c));
    return node;
  }

  async function api(method, body) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (csrfToken) headers[csrfHeader] = csrfToken;
    const res = await fetch('/api/teach/lessons/' + lessonId + '/quiz', {
      method, credentials: 'same-origin', headers, body: body === undefined ? undefined : JSON.stringify(body),
    });
    let data = null;
    try { data = await res.json(); } catch (e) { /* not JSON */ }
    if (!res.ok) {
      const err = new Error((data && data.message) || ('the server answered ' + res.status));
      err.field = data && data.field;
      throw err;
    }
    return data;
  }

  function blank(kind) {
    const q = { kind, prompt: '', points: 1, explanation: '' };
    if (kind === 'SINGLE' || kind === 'MULTIPLE') q.options = [{ text: '', correct: true }, { text: '', correct: false }];
    if (kind === 'TRUE_FALSE') q.truth = true;
    if (kind === 'NUMERIC') { q.value = null; q.tolerance = 0; }
    if (kind === 'TEXT') { q.accepted_answers = []; q.case_sensitive = false; }
    return q;
  }

  function load(quiz) {
    settings.passing_percent.value = quiz.passing_percent;
    settings.max_attempts.value = quiz.max_attempts == null ? 0 : quiz.max_attempts;
    settings.cooldown_seconds.value = quiz.cooldown_seconds;
    settings.time_limit_seconds.value = quiz.time_limit_seconds == null ? 0 : quiz.time_limit_seconds;
    settings.late_policy.value = quiz.late_policy;
    settings.shuffle_options.checked = quiz.shuffle_options;
    questions = quiz.questions.map((q) => ({ ...q, options: q.options ? q.options.map((o) => ({ ...o })) : undefined }));
    render();
  }

  function render() {
    list.replaceChildren(...questions.map(card));
    if (questions.length === 0) list.append(el('p', { className: 'empty', id: 'quiz-no-questions',
      text: 'No questions yet: add the first one below.' }));
    const points = questions.reduce((sum, q) => sum + (Number(q.points) || 0), 0);
    total.textContent = questions.length ? '(' + questions.length + ', ' + points + ' points)' : '';
  }

  function card(q, i) {
    const field = (name) => 'questions[' + i + '].' + name;
    const head = el('div', { className: 'quiz-edit-head' },
      el('strong', { text: (i + 1) + '. ' + KINDS[q.kind] }),
      el('button', { type: 'button', className: 'small', 'data-move': -1, disabled: i === 0, text: '↑',
        'aria-label': 'Move up' }),
      el('button', { type: 'button', className: 'small', 'data-move': 1, disabled: i === questions.length - 1, text: '↓',
        'aria-label': 'Move down' }),
      el('button', { type: 'button', className: 'small link', 'data-remove': true, text: 'Remove' }));
    const prompt = el('textarea', { 'data-field': field('prompt'), 'aria-label': 'Question', value: q.prompt || '',
      className: 'q-prompt' });
    prompt.addEventListener('input', () => { q.prompt = prompt.value; });
    const points = el('input', { type: 'number', min: '1', max: '1000', step: '1', value: String(q.points),
      'data-field': field('points'), className: 'q-points' });
    points.addEventListener('input', () => { q.points = points.value === '' ? null : Number(points.value); render0(); });
    const explanation = el('textarea', { 'data-field': field('explanation'), value: q.explanation || '',
      className: 'q-explanation', placeholder: 'Shown with the result: why the right answer is right' });
    explanation.addEventListener('input', () => { q.explanation = explanation.value; });
    const node = el('div', { className: 'quiz-edit', id: 'quiz-edit-' + i, 'data-kind': q.kind }, head,
      el('div', { className: 'quiz-edit-grid' },
        el('label', {}, 'Question', prompt), el('label', {}, 'Points', points),
        el('div', { className: 'wide' }, answerKey(q, i)),
        el('label', { className: 'wide' }, 'Explanation', explanation)));
    head.querySelectorAll('[data-move]').forEach((b) => b.addEventListener('click', () => {
      const j = i + Number(b.dataset.move);
      [questions[i], questions[j]] = [questions[j], questions[i]];
      render();
    }));
    head.querySelector('[data-remove]').addEventListener('click', () => { questions.splice(i, 1); render(); });
    return node;
  }

  // the total in the heading, without redrawing the card being typed in
  function render0() {
    const points = questions.reduce((sum, q) => sum + (Number(q.points) || 0), 0);
    total.textContent = '(' + questions.length + ', ' + points + ' points)';
  }

  function answerKey(q, i) {
    const field = (name) => 'questions[' + i + '].' + name;
    if (q.kind === 'SINGLE' || q.kind === 'MULTIPLE') {
      const rows = q.options.map((o, j) => {
        const mark = el('input', { type: q.kind === 'SINGLE' ? 'radio' : 'checkbox', name: 'correct-' + i,
          checked: o.correct, 'aria-label': 'Correct', className: 'q-correct' });
        mark.addEventListener('change', () => {
          if (q.kind === 'SINGLE') q.options.forEach((x, k) => { x.correct = k === j; });
          else o.correct = mark.checked;
        });
        const text = el('input', { type: 'text', value: o.text, placeholder: 'Option ' + (j + 1), className: 'q-option',
          'data-field': field('options[' + j + '].text') });
        text.addEventListener('input', () => { o.text = text.value; });
        const remove = el('button', { type: 'button', className: 'small link', text: 'Remove',
          disabled: q.options.length <= 2 });
        remove.addEventListener('click', () => { q.options.splice(j, 1); render(); });
        return el('div', { className: 'quiz-edit-option' }, mark, text, remove);
      });
      const add = el('button', { type: 'button', className: 'small q-add-option', text: 'Add option' });
      add.addEventListener('click', () => { q.options.push({ text: '', correct: false }); render(); });
      return el('div', {}, el('span', { className: 'muted small-print', text: q.kind === 'SINGLE'
        ? 'Options (mark the right one)' : 'Options (mark every right one)' }),
      el('div', { className: 'quiz-edit-options', 'data-field': field('options') }, rows), add);
    }
    if (q.kind === 'TRUE_FALSE') {
      const select = el('select', { 'data-field': field('truth'), className: 'q-truth' },
        el('option', { value: 'true', text: 'The statement is true' }),
        el('option', { value: 'false', text: 'The statement is false' }));
      select.value = String(q.truth !== false);
      select.addEventListener('change', () => { q.truth = select.value === 'true'; });
      return el('label', {}, 'Answer', select);
    }
    if (q.kind === 'NUMERIC') {
      const value = el('input', { type: 'number', step: 'any', value: q.value == null ? '' : String(q.value),
        'data-field': field('value'), className: 'q-value' });
      value.addEventListener('input', () => { q.value = value.value === '' ? null : Number(value.value); });
      const tolerance = el('input', { type: 'number', step: 'any', min: '0', value: String(q.tolerance || 0),
        'data-field': field('tolerance'), className: 'q-tolerance' });
      tolerance.addEventListener('input', () => { q.tolerance = tolerance.value === '' ? 0 : Number(tolerance.value); });
      return el('div', { className: 'quiz-edit-grid' }, el('label', {}, 'Correct number', value),
        el('label', {}, 'Tolerance (±)', tolerance));
    }
    const accepted = el('textarea', { 'data-field': field('accepted_answers'), className: 'q-accepted',
      value: (q.accepted_answers || []).join('\n'), placeholder: 'One accepted answer per line' });
    accepted.addEventListener('input', () => { q.accepted_answers = accepted.value.split('\n'); });
    const cs = el('input', { type: 'checkbox', checked: q.case_sensitive, className: 'q-case' });
    cs.addEventListener('change', () => { q.case_sensitive = cs.checked; });
    return el('div', {}, el('label', {}, 'Accepted answers (spaces and, unless ticked, case do not matter)', accepted),
      el('label', { className: 'check' }, cs, 'Case matters'));
  }

  function document_() {
    const number = (input) => (input.value === '' ? null : Number(input.value));
    return {
      passing_percent: number(settings.passing_percent),
      max_attempts: number(settings.max_attempts),
      cooldown_seconds: number(settings.cooldown_seconds),
      time_limit_seconds: number(settings.time_limit_seconds),
      late_policy: settings.late_policy.value,
      shuffle_options: settings.shuffle_options.checked,
      questions,
    };
  }

  function mark(field) {
    section.querySelectorAll('.field-error').forEach((n) => n.classList.remove('field-error'));
    if (!field) return;
    const target = section.querySelector('[data-field="' + field + '"]');
    if (target) {
      target.classList.add('field-error');
      target.scrollIntoView({ block: 'center' });
    }
  }

  document.getElementById('quiz-add').addEventListener('click', () => {
    questions.push(blank(document.getElementById('quiz-new-kind').value));
    render();
    const last = list.lastElementChild && list.lastElementChild.querySelector('textarea');
    if (last) last.focus();
  });

  document.getElementById('quiz-save').addEventListener('click', async () => {
    const button = document.getElementById('quiz-save');
    button.disabled = true;
    errorBox.hidden = true;
    saved.hidden = true;
    try {
      const quiz = await api('PUT', document_());
      load(quiz);
      mark(null);
      saved.textContent = 'Saved: version ' + quiz.version + ', ' + quiz.questions.length + ' questions.';
      saved.hidden = false;
    } catch (e) {
      errorBox.textContent = 'Not saved: ' + e.message + (e.field ? ' (' + e.field + ')' : '');
      errorBox.hidden = false;
      mark(e.field);
    } finally {
      button.disabled = false;
    }
  });

  api('GET').then(load).catch((e) => {
    errorBox.textContent = 'Could not load the quiz: ' + e.message;
    errorBox.hidden = false;
  });
})();
