/*
 * Confirmation page: Send stays disabled until every flagged recipient is either ticked or
 * explicitly left out, and at least one recipient is ticked. The two boxes of a flagged row exclude
 * each other. Same-origin file (CSP script-src 'self'); the page works without it and the server
 * enforces the same rules.
 */
(function () {
  'use strict';
  var form = document.getElementById('confirm-form');
  var send = document.getElementById('send');
  if (!form || !send) {
    return;
  }
  function box(kind, row) {
    return document.getElementById(kind + '-' + row);
  }
  function update(event) {
    var target = event && event.target;
    if (target && target.checked && target.getAttribute('data-row')) {
      var other = box(target.name === 'confirm' ? 'exclude' : 'confirm', target.getAttribute('data-row'));
      if (other) {
        other.checked = false;
      }
    }
    var boxes = form.querySelectorAll('input[name="confirm"]');
    var undecided = 0;
    var ticked = 0;
    for (var i = 0; i < boxes.length; i++) {
      var c = boxes[i];
      var row = c.getAttribute('data-row');
      var ex = box('exclude', row);
      var decided = c.checked || (ex !== null && ex.checked);
      if (c.checked) {
        ticked++;
      }
      if (c.getAttribute('data-flagged') === 'true' && !decided) {
        undecided++;
      }
      var line = document.getElementById('row-' + row);
      if (line) {
        line.classList.toggle('decided', decided);
      }
    }
    send.disabled = undecided > 0 || ticked === 0;
  }
  form.addEventListener('change', update);
  update();
}());
