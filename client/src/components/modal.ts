/**
 * Opens a <dialog> as a modal once it is mounted (focus trapped, Escape closes, the page
 * behind inert) and gives the close that also works where showModal is missing (old engines,
 * jsdom in the component tests): there the dialog was never opened, so the owner is told directly.
 */
import { onMount } from 'solid-js';

export function modalDialog(dialog: () => HTMLDialogElement | undefined, onClose: () => void): () => void {
  onMount(() => {
    const d = dialog();
    if (d && typeof d.showModal === 'function' && !d.open) d.showModal();
  });
  return () => {
    const d = dialog();
    if (d?.open) d.close();
    else onClose();
  };
}
