// Prongsai: small helpers, no framework. Everything also works without JavaScript.
// Paste a column from Excel into a textarea[data-fill="<prefix>"]: its lines fill the inputs
// whose name starts with that prefix, in page order (blank lines leave a field empty).
document.addEventListener("input", function (event) {
  var area = event.target;
  if (!area.matches || !area.matches("textarea[data-fill]")) return;
  var inputs = document.querySelectorAll("[data-fill-target='" + area.dataset.fill + "']");
  var lines = area.value.split(/\r?\n/);
  var thai = "๐๑๒๓๔๕๖๗๘๙";
  for (var i = 0; i < inputs.length && i < lines.length; i++) {
    var value = lines[i].split("\t")[0].trim().replace(/[๐-๙]/g, function (d) { return thai.indexOf(d); });
    inputs[i].value = value.replace(",", ".");
  }
  inputs.length && inputs[0].dispatchEvent(new Event("input", { bubbles: true }));
});
