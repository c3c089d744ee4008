// The report page's own script: draw each chart with vega-embed (bundled above), and let a period
// picked on a pair's chart narrow that pair's event list to the period.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);

  function listOf(pair) {
    return document.querySelector('.evidence-list[data-pair="' + pair + '"]');
  }

  // Show the period `key` of a pair ("*": every period; null: the view the page opened with).
  function showPeriod(pair, key) {
    var box = listOf(pair);
    if (!box) { return; }
    var wanted = key === null ? (box.getAttribute("data-default") || "*") : key;
    var groups = box.querySelectorAll("section.period");
    var shown = 0, label = "";
    groups.forEach(function (group) {
      var on = wanted === "*" || group.getAttribute("data-period") === wanted;
      group.hidden = !on;
      if (on) {
        shown += Number(group.getAttribute("data-count"));
        label = group.querySelector("h4").firstChild.textContent.trim();
      }
    });
    var status = box.querySelector(".status");
    var total = box.getAttribute("data-total");
    if (wanted === "*") {
      status.textContent = "All " + total + " events, by period.";
    } else if (shown === 0) {
      status.textContent = "No events listed for this period.";
    } else {
      status.textContent = label + ": " + shown + " of " + total + " events.";
    }
    box.setAttribute("data-shown", wanted);
  }

  function pickedPeriod(value) {
    if (!value) { return null; }
    var key = value.period_key;
    if (Array.isArray(key)) { key = key[0]; }
    return key === undefined || key === null ? null : String(key);
  }

  data.charts.forEach(function (chart) {
    var slot = document.getElementById(chart.id);
    vegaEmbed(slot, chart.spec, { actions: false, renderer: "svg" }).then(function (result) {
      if (chart.kind === "series") {
        result.view.addSignalListener(data.signal, function (name, value) {
          showPeriod(chart.pair, pickedPeriod(value));
        });
      } else if (chart.kind === "matrix") {
        result.view.addEventListener("click", function (event, item) {
          if (item && item.datum && item.datum.anchor) { window.location.hash = item.datum.anchor; }
        });
      }
      slot.setAttribute("data-drawn", "true");
    }).catch(function (error) {
      slot.textContent = "This chart could not be drawn: " + error;
      slot.setAttribute("data-drawn", "failed");
    });
  });

  document.querySelectorAll("button.show-all").forEach(function (button) {
    button.addEventListener("click", function () {
      showPeriod(button.closest(".evidence-list").getAttribute("data-pair"), "*");
    });
  });
})();
