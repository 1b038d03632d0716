// The calendar opens as an agenda on a phone unless a view was asked for.
(function () {
  var params = new URLSearchParams(window.location.search);
  if (!params.has('view') && window.matchMedia('(max-width: 600px)').matches) {
    params.set('view', 'agenda');
    window.location.replace(window.location.pathname + '?' + params.toString());
  }
})();
