/**
 * After a refused submit, the first field marked invalid gets the focus, which scrolls it into view
 * and has a screen reader read its message: a refusal below or above the fold otherwise looks like a
 * button that did nothing. Waits a frame, for the marks of this refusal to be drawn.
 */
export function focusFirstInvalid(form: Element | null | undefined): boolean {
  const field = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
  field?.focus();
  return Boolean(field);
}

export const afterPaint = (run: () => void) => requestAnimationFrame(() => requestAnimationFrame(run));
