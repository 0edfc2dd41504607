/*
 * Confirmation page: Send stays disabled until every flagged recipient has its one choice (send /
 * send to the suggested address instead / do not send) and at least one recipient gets the message.
 * Same-origin file (CSP script-src 'self'); the page works without it and the server enforces the
 * same rules.
 */
(function () {
  'use strict';
  var form = document.getElementById('confirm-form');
  var send = document.getElementById('send');
  if (!form || !send) {
    return;
  }
  var bcc = document.getElementById('send-bcc');
  function update() {
    var rows = form.querySelectorAll('.recipient');
    var undecided = 0;
    var sending = 0;
    for (var i = 0; i < rows.length; i++) {
      var row = rows[i];
      var radios = row.querySelectorAll('input[type="radio"]');
      var decided = true;
      if (radios.length > 0) {
        var picked = row.querySelector('input[type="radio"]:checked');
        decided = picked !== null;
        if (!decided) {
          undecided++;
        } else if (picked.value !== 'skip') {
          sending++;
        }
      } else {
        var box = row.querySelector('input[name="confirm"]');
        if (box && box.checked) {
          sending++;
        }
      }
      row.classList.toggle('decided', decided);
    }
    send.disabled = undecided > 0 || sending === 0;
    if (bcc) {
      bcc.disabled = send.disabled;
    }
  }
  form.addEventListener('change', update);
  update();
}());
