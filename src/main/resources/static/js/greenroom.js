// Sends the CSRF token with every htmx request, and wires small conveniences of the console.
document.addEventListener('htmx:configRequest', function (event) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    event.detail.headers[header.content] = token.content;
  }
});

document.addEventListener('change', function (event) {
  var target = event.target;
  if (target.matches('[data-select-all]')) {
    document.querySelectorAll(target.getAttribute('data-select-all')).forEach(function (box) {
      box.checked = target.checked;
    });
  }
  if (target.matches('[data-select-all], input[name="creatorIds"]')) {
    var count = document.querySelectorAll('input[name="creatorIds"]:checked').length;
    var counter = document.getElementById('selected-count');
    if (counter) {
      counter.textContent = count === 0 ? 'No creators selected' : count + (count === 1 ? ' creator selected' : ' creators selected');
    }
  }
});

document.addEventListener('click', function (event) {
  var copy = event.target.closest('[data-copy]');
  if (copy && navigator.clipboard) {
    navigator.clipboard.writeText(document.querySelector(copy.getAttribute('data-copy')).textContent.trim());
    copy.textContent = 'Copied';
  }
});

// Today: how many tasks the bulk bar will act on.
document.addEventListener('change', function (event) {
  if (event.target.matches('input[name="ids"]')) {
    var count = document.querySelectorAll('input[name="ids"]:checked').length;
    var counter = document.getElementById('tasks-selected-count');
    if (counter) {
      counter.textContent = count === 0 ? 'No tasks selected' : count + (count === 1 ? ' task selected' : ' tasks selected');
    }
  }
});

// Phone width: the Menu button opens and closes the navigation; Escape closes it and returns focus.
(function () {
  var toggle = document.querySelector('.nav-toggle');
  if (!toggle) {
    return;
  }
  toggle.hidden = false;
  toggle.addEventListener('click', function () {
    toggle.setAttribute('aria-expanded', String(toggle.getAttribute('aria-expanded') !== 'true'));
  });
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && toggle.getAttribute('aria-expanded') === 'true' && getComputedStyle(toggle).display !== 'none') {
      toggle.setAttribute('aria-expanded', 'false');
      toggle.focus();
    }
  });
})();

// A page answering a POST with a secret shown once (a new API token, a calendar feed address) names its
// plain address: the history entry becomes that GET, so reloading or going back never posts again and
// never shows the secret again (it is not kept anywhere, not even in the session).
document.addEventListener('DOMContentLoaded', function () {
  var shownOnce = document.querySelector('[data-replace-url]');
  if (shownOnce && window.history.replaceState) {
    window.history.replaceState(null, '', shownOnce.getAttribute('data-replace-url'));
  }
});
