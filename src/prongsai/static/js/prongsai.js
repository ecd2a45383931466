// Prongsai: small helpers, no framework. Everything also works without JavaScript.

// Paste a column from Excel into textarea[data-paste="IIT"]: its lines fill that tool's
// fields ([data-paste-target="IIT"]) in page order, or by code when a line starts with one
// ("i1<TAB>87.19"). Same rules as prongsai.assessments.forms.parse_pasted, which the server
// applies when JavaScript is off. Once the numbers are in the fields the box is left out of
// the submission (its name is removed), so a score corrected by hand afterwards is kept.
(function () {
  "use strict";
  var THAI = "๐๑๒๓๔๕๖๗๘๙";
  var UNKNOWN = ["", "-", "–", "—", "n/a", "na", "?"];
  var CODE = /^(?:ข้อ\s*)?([A-Za-z]{1,3})\s*\.?\s*(\d{1,3})$/;
  var DECIMAL_COMMA = /^\s*\d{1,3},\d{1,4}\s*%?\s*$/;

  function arabic(text) {
    return text.replace(/[๐-๙]/g, function (d) { return String(THAI.indexOf(d)); });
  }

  function cells(line) {
    line = arabic(line).replace(/\u00a0/g, " ").replace(/\ufeff/g, "").replace(/^\s*ข้อ\s*/, "");
    var parts;
    if (line.indexOf("\t") >= 0) parts = line.split("\t");
    else if (DECIMAL_COMMA.test(line)) parts = [line];
    else if (/[,;]/.test(line)) parts = line.split(/[,;]/);
    else parts = line.split(/\s+/);
    return parts.map(function (c) {
      c = c.trim().replace(/^"+|"+$/g, "").trim();
      return DECIMAL_COMMA.test(c) ? c.replace(",", ".") : c;
    }).filter(function (c) { return c !== ""; });
  }

  // the cell as a number text; null = unknown; undefined = not a number
  function number(cell) {
    var text = cell.trim().replace(/%$/, "").trim().replace(/ /g, "");
    if (UNKNOWN.indexOf(text.toLowerCase()) >= 0) return null;
    return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(text) ? text : undefined;
  }

  function parse(text) {
    var lines = text.split(/\r\n|\r|\n/);
    while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
    var out = [], errors = [];
    lines.forEach(function (raw, i) {
      var n = i + 1, cs = cells(raw), code = null, cell, m;
      if (cs.length && (m = CODE.exec(cs[0]))) {
        code = m[1].toLowerCase() + String(parseInt(m[2], 10));
        cs = cs.slice(1);
        if (!cs.length) { errors.push("บรรทัด " + n + " มีแต่รหัสข้อ " + code + " ไม่มีคะแนน"); return; }
        cell = cs[cs.length - 1];
      } else {
        cell = cs.length ? cs[0] : "";
      }
      var value = number(cell);
      if (value === undefined) {
        errors.push("บรรทัด " + n + " “" + cell + "” ไม่ใช่ตัวเลข" + (n === 1 ? " (ถ้าเป็นหัวคอลัมน์ ให้ลบบรรทัดนั้นออก)" : ""));
        return;
      }
      out.push({ line: n, code: code, value: value });
    });
    return { lines: out, errors: errors };
  }

  function setValue(field, value) {
    if (field.tagName !== "SELECT") { field.value = value; return; }
    var v = value === "" ? "" : (Number(value) === 100 ? "100" : (Number(value) === 0 ? "0" : value));
    var found = Array.prototype.some.call(field.options, function (o) { return o.value === v; });
    if (!found) {
      var option = document.createElement("option");
      option.value = v;
      option.textContent = v + " (ไม่ถูกต้อง)";
      field.appendChild(option);
    }
    field.value = v;
  }

  function apply(area) {
    var tool = area.dataset.paste;
    var name = area.dataset.name || area.name;
    area.dataset.name = name;
    var status = area.closest(".paste") && area.closest(".paste").querySelector(".paste-status");
    var say = function (text, bad) {
      if (!status) return;
      status.textContent = text;
      status.classList.toggle("error", !!bad);
    };
    area.setAttribute("name", name);
    if (!area.value.trim()) { say(""); return; }
    var fields = Array.prototype.slice.call(
      document.querySelectorAll("[data-paste-target='" + tool + "']"));
    var byCode = {};
    fields.forEach(function (f) { byCode[f.name.replace(/^q_/, "")] = f; });
    var parsed = parse(area.value), errors = parsed.errors, plan = [];
    var last = parsed.lines.length ? parsed.lines[parsed.lines.length - 1].line : 0;
    var uncoded = parsed.lines.some(function (l) { return l.code === null; });
    if (uncoded && last > fields.length) {
      errors.push("วางมา " + last + " บรรทัด แต่ " + tool + " มี " + fields.length + " ข้อ");
    }
    parsed.lines.forEach(function (l) {
      var field = l.code === null ? fields[l.line - 1] : byCode[l.code];
      if (l.code !== null && !field) {
        errors.push("บรรทัด " + l.line + ": ข้อ " + l.code + " ไม่ได้อยู่ในแบบวัด " + tool);
      } else if (field) {
        plan.push([field, l.value === null ? "" : l.value]);
      }
    });
    if (errors.length) {
      // leave the box in the submission: the server shows the same message beside it
      say(errors.slice(0, 3).join(" · ") + (errors.length > 3 ? " …" : ""), true);
      return;
    }
    plan.forEach(function (p) { setValue(p[0], p[1]); });
    area.removeAttribute("name");
    var filled = plan.filter(function (p) { return p[1] !== ""; }).length;
    say("เติมคะแนนแล้ว " + filled + " ข้อ ตรวจแก้รายข้อได้ในตารางด้านล่าง", false);
  }

  document.addEventListener("input", function (event) {
    var area = event.target;
    if (area.matches && area.matches("textarea[data-paste]")) apply(area);
  });
})();
