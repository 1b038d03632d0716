// Draws [data-activity-chart] panels with ECharts, loading the library only on pages that need it.
(function () {
  var loading = null;

  function loadECharts() {
    if (window.echarts) {
      return Promise.resolve(window.echarts);
    }
    if (!loading) {
      loading = new Promise(function (resolve, reject) {
        var script = document.createElement('script');
        script.src = '/webjars/echarts/dist/echarts.min.js';
        script.onload = function () { resolve(window.echarts); };
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return loading;
  }

  function draw(element) {
    if (element.dataset.drawn) {
      return;
    }
    element.dataset.drawn = 'true';
    var data = JSON.parse(element.getAttribute('data-activity-chart'));
    loadECharts().then(function (echarts) {
      var chart = echarts.init(element);
      chart.setOption({
        animation: false,
        tooltip: { trigger: 'axis' },
        legend: { data: ['Active', 'Live minutes', 'Unique viewers', 'Gift revenue (USD)'] },
        grid: { left: 48, right: 48, top: 36, bottom: 28 },
        xAxis: { type: 'category', data: data.days.map(function (d) { return d.slice(5); }) },
        yAxis: [{ type: 'value', name: 'min / viewers' }, { type: 'value', name: 'USD', position: 'right' }],
        series: [
          { name: 'Active', type: 'bar', data: data.active.map(function (a) { return a ? 1 : null; }), barWidth: 4, itemStyle: { color: '#3ddc97' } },
          { name: 'Live minutes', type: 'bar', data: data.liveMinutes, itemStyle: { color: '#14805e' } },
          { name: 'Unique viewers', type: 'line', data: data.uniqueViewers, itemStyle: { color: '#2563eb' } },
          { name: 'Gift revenue (USD)', type: 'line', yAxisIndex: 1, data: data.revenue, itemStyle: { color: '#b45309' } }
        ]
      });
      element.setAttribute('data-chart-ready', 'true');
      window.addEventListener('resize', function () { chart.resize(); });
    });
  }

  function drawAll(root) {
    (root || document).querySelectorAll('[data-activity-chart]').forEach(draw);
  }

  document.addEventListener('DOMContentLoaded', function () { drawAll(document); });
  document.addEventListener('htmx:afterSettle', function (event) { drawAll(event.target); });
})();
