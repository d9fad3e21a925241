// Keeps each countdown ("3 days 4 hours left") current, once a second, from the datetime of the
// <time> element it names in data-countdown-for. The server renders the same text, so the page
// reads the same without JavaScript; the units are CLDR's, as on the server (babel.units).
(function () {
  "use strict";

  var UNITS = [["day", 86400], ["hour", 3600], ["minute", 60], ["second", 1]];
  var lang = document.documentElement.lang || "en";

  // The server's CLDR unit patterns ({"day": {"one": "{0} day", ...}}): the browser may lack
  // a language's unit names (Debian's Chromium has none for Kazakh).
  var patterns = null;

  function plural(amount) {
    try {
      return new Intl.PluralRules(lang).select(amount);
    } catch (error) {
      return "other";
    }
  }

  function format(unit, amount) {
    var forms = patterns && patterns[unit];
    if (forms) {
      return (forms[plural(amount)] || forms.other).replace("{0}", amount);
    }
    try {
      return new Intl.NumberFormat(lang, { style: "unit", unit: unit, unitDisplay: "long" })
        .format(amount);
    } catch (error) {
      return amount + " " + unit + (amount === 1 ? "" : "s");
    }
  }

  // The two largest units from the first that is not zero, as countdown_parts() on the server.
  function amount(seconds) {
    var parts = [];
    var rest = seconds;
    UNITS.forEach(function (entry) {
      parts.push([entry[0], Math.floor(rest / entry[1])]);
      rest %= entry[1];
    });
    var first = parts.findIndex(function (part) { return part[1] > 0; });
    if (first < 0) first = parts.length - 1;
    return parts.slice(first, first + 2).map(function (part) {
      return format(part[0], part[1]);
    }).join(" ");
  }

  document.querySelectorAll("[data-countdown-for]").forEach(function (element) {
    var source = document.getElementById(element.getAttribute("data-countdown-for"));
    var deadline = source && Date.parse(source.getAttribute("datetime"));
    if (!deadline) return;
    var template = element.getAttribute("data-template");
    patterns = JSON.parse(element.getAttribute("data-units") || "null");
    var timer;

    function update() {
      var seconds = Math.floor((deadline - Date.now()) / 1000);
      if (seconds <= 0) {
        element.textContent = element.getAttribute("data-closed");
        window.clearInterval(timer);
        return;
      }
      element.textContent = template.replace("{time}", amount(seconds));
    }

    update();
    timer = window.setInterval(update, 1000);
  });
})();
