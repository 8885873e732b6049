import type { Attachment } from 'svelte/attachments';

/**
 * Makes an element of a list draggable onto its siblings (native drag and drop), for lists
 * that also offer move-up/move-down buttons for the keyboard. The drag starts only from an
 * element marked `data-drag-handle`, so text inside stays selectable.
 *
 * @example
 * <li {@attach sortable('thread', index, (from, to) => draft.moveItem(from, to))}>
 */
export function sortable(group: string, index: number, onmove: (from: number, to: number) => void): Attachment<HTMLElement> {
  const type = `application/x-tweetflow-${group}`;
  return (element) => {
    const arm = (event: PointerEvent) => {
      element.draggable = event.target instanceof Element && event.target.closest('[data-drag-handle]') !== null;
    };
    const start = (event: DragEvent) => {
      if (!element.draggable || !event.dataTransfer) return;
      event.dataTransfer.setData(type, String(index));
      event.dataTransfer.effectAllowed = 'move';
      element.dataset.dragging = 'true';
    };
    const over = (event: DragEvent) => {
      if (!event.dataTransfer?.types.includes(type)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'move';
      element.dataset.dropTarget = 'true';
    };
    const leave = () => delete element.dataset.dropTarget;
    const end = () => {
      element.draggable = false;
      delete element.dataset.dragging;
      delete element.dataset.dropTarget;
    };
    const drop = (event: DragEvent) => {
      const from = event.dataTransfer?.getData(type);
      delete element.dataset.dropTarget;
      if (from === undefined || from === '') return;
      event.preventDefault();
      if (Number(from) !== index) onmove(Number(from), index);
    };
    element.addEventListener('pointerdown', arm);
    element.addEventListener('dragstart', start);
    element.addEventListener('dragover', over);
    element.addEventListener('dragleave', leave);
    element.addEventListener('dragend', end);
    element.addEventListener('drop', drop);
    return () => {
      element.removeEventListener('pointerdown', arm);
      element.removeEventListener('dragstart', start);
      element.removeEventListener('dragover', over);
      element.removeEventListener('dragleave', leave);
      element.removeEventListener('dragend', end);
      element.removeEventListener('drop', drop);
    };
  };
}
