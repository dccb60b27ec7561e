/*
 * Material loads a ResizeObserver polyfill from a public CDN in browsers that lack
 * ResizeObserver, such as older phones. Load the local copy instead, and only there.
 * resize-observer-polyfill 1.5.1 (npm registry), MIT licence (LICENSE.txt).
 */
if (!("ResizeObserver" in window)) {
  var kbHere = document.currentScript.src.replace(/load\.js(\?.*)?$/, "");
  document.write('<script src="' + kbHere + 'ResizeObserver.global.js"><\/script>');
}
