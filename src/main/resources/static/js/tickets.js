// Live SLA clocks: every element with data-due (an ISO instant from the server) shows the wall time left
// until its deadline, or how long ago it passed, refreshed every 15 seconds.
(function () {
  'use strict';
  function text(ms) {
    var minutes = Math.floor(Math.abs(ms) / 60000);
    var hours = Math.floor(minutes / 60);
    var span = hours > 0 ? hours + ' h ' + (minutes % 60) + ' min' : minutes + ' min';
    return ms >= 0 ? 'due in ' + span : 'overdue by ' + span;
  }
  function tick() {
    var clocks = document.querySelectorAll('.sla-clock[data-due]');
    for (var i = 0; i < clocks.length; i++) {
      var due = Date.parse(clocks[i].getAttribute('data-due'));
      if (!isNaN(due)) {
        var left = due - Date.now();
        clocks[i].textContent = text(left);
        clocks[i].classList.toggle('overdue', left < 0);
      }
    }
  }
  document.addEventListener('DOMContentLoaded', function () {
    tick();
    setInterval(tick, 15000);
  });
}());
