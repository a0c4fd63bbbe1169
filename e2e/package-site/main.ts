// The fixture site's script, in TypeScript against the package's
// declarations: the element (read mode, from index.html) and mount() (edit
// mode), with the change event typed.
import { mount, type ClaimmarkHandle, type ImportSummary } from 'claimmark';

declare global {
  interface Window {
    fixture: { editor?: ClaimmarkHandle; changes: string[]; summary?: ImportSummary };
  }
}

window.fixture = { changes: [] };
const host = document.getElementById('editor');
if (host) {
  host.addEventListener('claimmark-change', (event) => window.fixture.changes.push(event.detail.action));
  window.fixture.editor = await mount(host, {
    text: 'The harbour bridge will reopen to traffic on Monday.',
    docId: 'package-fixture',
    mode: 'edit',
    storage: 'none',
  });
}
const read = document.querySelector('claim-annotator');
await read?.ready;
