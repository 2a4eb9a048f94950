/**
 * The page's <h1>, which also sets document.title. After an in-app navigation the heading takes
 * focus, so screen-reader users hear where they arrived and keyboard users start from the top
 * of the new page instead of the link they followed (App.tsx calls focusHeadingOnNextPage).
 */
import { createEffect, onMount, Show } from 'solid-js';
import { PRODUCT_NAME } from '../i18n/index.ts';

let focusPending = false;

export function focusHeadingOnNextPage(): void {
  focusPending = true;
}

export interface PageHeadingProps {
  title: string;
  /** The title is user content (an organisation's name): isolate its direction. */
  isolate?: boolean;
}

export function PageHeading(props: PageHeadingProps) {
  let heading: HTMLHeadingElement | undefined;
  createEffect(() => {
    document.title = `${props.title} · ${PRODUCT_NAME.arabic} ${PRODUCT_NAME.latin}`;
  });
  onMount(() => {
    if (!focusPending) return;
    // Next frame: a page that was loading may not be attached to the document yet.
    requestAnimationFrame(() => {
      if (!heading?.isConnected) return;
      focusPending = false;
      heading.focus();
    });
  });
  return (
    <h1 class="page-title" tabindex="-1" ref={heading}>
      <Show when={props.isolate} fallback={props.title}>
        <bdi>{props.title}</bdi>
      </Show>
    </h1>
  );
}
