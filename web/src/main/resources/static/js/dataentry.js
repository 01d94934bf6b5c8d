// Simple conditional display: an item with data-scd-control is shown only while the control
// item has the value data-scd-value. The server does not require it while it is hidden.
(function () {
  function valuesOf(name) {
    var fields = document.querySelectorAll('[name="v.' + name + '.1"]');
    var values = [];
    fields.forEach(function (f) {
      if ((f.type === 'radio' || f.type === 'checkbox') && !f.checked) { return; }
      if (f.tagName === 'SELECT') {
        Array.prototype.forEach.call(f.selectedOptions, function (o) { values.push(o.value); });
      } else { values.push(f.value); }
    });
    return values;
  }
  function refresh() {
    document.querySelectorAll('[data-scd-control]').forEach(function (item) {
      var shown = valuesOf(item.getAttribute('data-scd-control')).indexOf(item.getAttribute('data-scd-value')) >= 0;
      item.classList.toggle('scd-hidden', !shown);
    });
  }
  document.addEventListener('change', refresh);
  document.addEventListener('DOMContentLoaded', refresh);
})();
