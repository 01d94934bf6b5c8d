// Reloads a page that marks itself with data-auto-refresh="<seconds>" (background job progress).
(function () {
  var marked = document.querySelector('[data-auto-refresh]');
  if (marked) {
    var seconds = parseInt(marked.getAttribute('data-auto-refresh'), 10) || 5;
    setTimeout(function () { window.location.reload(); }, seconds * 1000);
  }
})();
