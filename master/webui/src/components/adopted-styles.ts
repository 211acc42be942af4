/**
 * xterm.js writes its theme and cell sizes into `<style>` elements it adds
 * to the terminal; the master's content security policy (`style-src
 * 'self'`, no inline styles) blocks those. This copies their text into one
 * constructed style sheet adopted by the document (the policy governs style
 * elements and attributes, not sheets built by the page's own script) and
 * follows their changes. Returns what stops it and removes the sheet.
 */
export function adoptInjectedStyles(root: HTMLElement): () => void {
  const sheet = new CSSStyleSheet();
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
  const copy = (): void => {
    const text = [...root.querySelectorAll('style')].map((s) => s.textContent ?? '').join('\n');
    sheet.replaceSync(text);
  };
  copy();
  const observer = new MutationObserver(copy);
  observer.observe(root, { subtree: true, childList: true, characterData: true });
  return () => {
    observer.disconnect();
    document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
  };
}
