// Today, the board and the creator's tasks panel: keyboard shortcuts over task rows, and the selection
// counter and focus kept across rows swapped in place by htmx.
(function () {
  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll('tr.task-row'));
  }

  function currentRow() {
    var active = document.activeElement;
    return active && active.closest ? active.closest('tr.task-row') : null;
  }

  function focusRow(row) {
    if (row) {
      row.focus({ preventScroll: true });
      row.scrollIntoView({ block: 'nearest' });
    }
  }

  function countSelected() {
    var counter = document.getElementById('tasks-selected-count');
    if (counter) {
      var count = document.querySelectorAll('input[name="ids"]:checked').length;
      counter.textContent = count === 0 ? 'No tasks selected' : count + (count === 1 ? ' task selected' : ' tasks selected');
    }
  }

  document.addEventListener('keydown', function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    var target = event.target;
    if (target.matches && target.matches('input, textarea, select, [contenteditable]')) {
      if (event.key === 'Escape') {
        target.blur();
        focusRow(target.closest('tr.task-row'));
      }
      return;
    }
    var list = rows();
    var row = currentRow();
    var index = row ? list.indexOf(row) : -1;
    switch (event.key) {
      case 'j':
        focusRow(list[Math.min(index + 1, list.length - 1)]);
        break;
      case 'k':
        focusRow(list[Math.max(index - 1, 0)]);
        break;
      case 'x':
        if (row) {
          var box = row.querySelector('input[name="ids"]');
          if (box) {
            box.checked = !box.checked;
            box.dispatchEvent(new Event('change', { bubbles: true }));
          }
        }
        break;
      case 'c':
      case 'a':
        if (row) {
          var button = row.querySelector('[data-key="' + event.key + '"]');
          if (button) {
            button.click();
          }
        }
        break;
      case 's':
        if (row) {
          var more = row.querySelector('details.more');
          if (more) {
            more.open = true;
            var first = more.querySelector('input[name="reason"]');
            if (first) {
              first.focus();
            }
          }
        }
        break;
      case '/':
        var search = document.querySelector('#today-filters input[name="q"]');
        if (search) {
          search.focus();
        }
        break;
      default:
        return;
    }
    event.preventDefault();
  });

  // A row swapped in place keeps the keyboard where it was; a new list recounts the selection.
  var focusedId = null;
  document.addEventListener('htmx:beforeRequest', function () {
    var row = document.activeElement && document.activeElement.closest ? document.activeElement.closest('tr.task-row') : null;
    focusedId = row ? row.id : null;
  });
  document.addEventListener('htmx:afterSettle', function () {
    countSelected();
    if (focusedId) {
      var row = document.getElementById(focusedId);
      if (row && !row.contains(document.activeElement)) {
        row.focus({ preventScroll: true });
      }
      focusedId = null;
    }
  });
})();
