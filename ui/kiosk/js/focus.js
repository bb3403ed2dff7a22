// A dialog is modal for the keyboard and a screen reader too: while it is open, the page
// behind it is `inert` (not focusable, not read). Two controls stay reachable: the language
// button (English or Persian is one touch away on every screen, the dialog redraws in it)
// and the countdown banner (a person reading a dialog can still say they need more time;
// the banner sits above the dialog's shade). On close, focus goes back to what opened it.

const BEHIND = ['title', 'abort', 'screen'];

let opener = null;
// The last control focused outside a dialog: a button that disables itself while it
// works (calling off the reader first) has lost focus by the time its dialog opens.
let lastFocused = null;
document.addEventListener('focusin', (event) => {
  const dialog = document.getElementById('dialog');
  if (event.target instanceof Element && !(dialog && dialog.contains(event.target))) lastFocused = event.target;
}, { capture: true });

// Called as a dialog opens: remembers the control the person used to open it.
export function rememberOpener() {
  const active = document.activeElement;
  opener = active && active !== document.body ? active : lastFocused;
}

// Marks the page behind the dialog inert, or lets it go again.
export function setBackgroundInert(on) {
  for (const id of BEHIND) {
    const element = document.getElementById(id);
    if (element) element.inert = on;
  }
  for (const footer of document.querySelectorAll('body > footer')) footer.inert = on;
}

// Focus back to the opener when it is still on the page and usable, else to the screen.
export function restoreFocus() {
  // The screen is redrawn while a dialog opens: the same control, by its id, in the new one.
  const target = opener && !opener.isConnected && opener.id ? document.getElementById(opener.id) : opener;
  opener = null;
  if (target && target.isConnected && !target.disabled && !target.hidden && target.offsetParent !== null) {
    target.focus();
    return;
  }
  document.getElementById('screen').focus({ preventScroll: true });
}
