// The desk example: an editor synced with a desk server. The server's
// address and the member's token come from this page's fragment
// (#sync=…&token=…, printed by `make desk`); a fragment never leaves the
// browser. The token is set in code (syncToken), never as an attribute,
// and kept for this tab only (sessionStorage) so that a reload keeps it.

const params = new URLSearchParams(location.hash.slice(1));
if (params.get('sync') && params.get('token')) {
  sessionStorage.setItem('claimmark-desk', JSON.stringify({ sync: params.get('sync'), token: params.get('token') }));
  history.replaceState(null, '', location.pathname);
}

let desk = null;
try {
  desk = JSON.parse(sessionStorage.getItem('claimmark-desk') ?? 'null');
} catch {
  desk = null;
}

await customElements.whenDefined('claim-annotator');
const editor = document.createElement('claim-annotator');
editor.setAttribute('doc-id', 'bridge-desk');
editor.setAttribute('src', 'bridge.txt');
editor.setAttribute('mode', 'edit');
if (desk?.sync && desk?.token) {
  editor.syncToken = desk.token;
  editor.setAttribute('sync', desk.sync);
  document.getElementById('desk-intro').textContent =
    'This editor shares its claims live with the desk: tag a claim, and everyone on the desk sees it.';
}
document.getElementById('desk-story').append(editor);
