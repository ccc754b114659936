// The catalog's search box: suggestions as you type (debounced, from /api/courses/suggest), chosen
// with the mouse or with up/down/enter; escape closes them. Choosing one opens that course. Enter
// without a chosen suggestion submits the search. The sort and rating selects apply at once.
(function () {
  'use strict';
  const input = document.getElementById('query');
  const list = document.getElementById('suggestions');
  const form = document.getElementById('catalog-filters');
  if (!input || !list || !form) {
    return;
  }
  const suggestUrl = input.dataset.suggestUrl;
  const courseUrl = input.dataset.courseUrl;
  const DELAY_MS = 150;
  let timer = null;
  let controller = null;
  let items = [];
  let active = -1;
  let lastAsked = null;

  // leave empty fields out of the URL (?query=&min_rating= says nothing)
  form.addEventListener('formdata', event => {
    for (const [name, value] of [...event.formData.entries()]) {
      if (value === '') {
        event.formData.delete(name);
      }
    }
  });

  form.querySelectorAll('select.auto-submit').forEach(select =>
    select.addEventListener('change', () => form.requestSubmit()));

  function close() {
    list.hidden = true;
    list.replaceChildren();
    items = [];
    active = -1;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  }

  function highlight(index) {
    active = index;
    items.forEach((li, i) => {
      li.classList.toggle('active', i === index);
      li.setAttribute('aria-selected', i === index ? 'true' : 'false');
    });
    if (index >= 0) {
      input.setAttribute('aria-activedescendant', items[index].id);
      items[index].scrollIntoView({block: 'nearest'});
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function open(suggestion) {
    window.location.href = courseUrl + encodeURIComponent(suggestion.slug);
  }

  function show(suggestions) {
    list.replaceChildren();
    items = suggestions.map((s, i) => {
      const li = document.createElement('li');
      li.id = 'suggestion-' + i;
      li.className = 'suggestion';
      li.setAttribute('role', 'option');
      li.dataset.slug = s.slug;
      const title = document.createElement('span');
      title.className = 'suggestion-title';
      title.textContent = s.title;
      li.appendChild(title);
      if (s.partner) {
        const partner = document.createElement('span');
        partner.className = 'suggestion-partner';
        partner.textContent = s.partner;
        li.appendChild(partner);
      }
      // mousedown, not click: the input's blur would close the list before a click lands
      li.addEventListener('mousedown', event => {
        event.preventDefault();
        open(s);
      });
      li.addEventListener('mousemove', () => {
        if (active !== i) {
          highlight(i);
        }
      });
      list.appendChild(li);
      return li;
    });
    active = -1;
    const any = items.length > 0;
    list.hidden = !any;
    input.setAttribute('aria-expanded', any ? 'true' : 'false');
  }

  async function ask(text) {
    if (controller) {
      controller.abort();
    }
    controller = new AbortController();
    lastAsked = text;
    try {
      const response = await fetch(suggestUrl + '?q=' + encodeURIComponent(text),
        {headers: {'Accept': 'application/json'}, signal: controller.signal});
      if (!response.ok || input.value.trim() !== text) {
        return;
      }
      show(await response.json());
    } catch (e) {
      if (e.name !== 'AbortError') {
        close(); // suggestions are a convenience: searching still works without them
      }
    }
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    const text = input.value.trim();
    if (text.length === 0) {
      lastAsked = null;
      close();
      return;
    }
    timer = setTimeout(() => {
      if (text !== lastAsked || list.hidden) {
        ask(text);
      }
    }, DELAY_MS);
  });

  input.addEventListener('keydown', event => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      if (items.length === 0) {
        return;
      }
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      // past either end goes back to the text typed (-1), as in most search boxes
      let next = active + step;
      if (next >= items.length) {
        next = -1;
      } else if (next < -1) {
        next = items.length - 1;
      }
      highlight(next);
    } else if (event.key === 'Enter' && active >= 0) {
      event.preventDefault();
      open({slug: items[active].dataset.slug});
    } else if (event.key === 'Escape') {
      clearTimeout(timer);
      if (!list.hidden) {
        event.preventDefault(); // close the list only; the search field would clear its text
      }
      close();
    }
  });

  input.addEventListener('blur', () => setTimeout(close, 100));
})();
