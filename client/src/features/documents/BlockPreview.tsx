/** The lines detected in a source, before anything is stored: kind, label and path of each. */
import { For } from 'solid-js';
import type { ParsedBlock } from '../../../../shared/documents.ts';
import { t, tp } from '../../i18n/index.ts';
import { blockKindLabel } from './labels.ts';

const SHOWN = 300;

export function BlockPreview(props: { blocks: readonly ParsedBlock[] }) {
  return (
    <section class="preview" aria-labelledby="preview-title">
      <h2 id="preview-title">{t('upload.preview.title')}</h2>
      <p role="status">{tp('upload.preview.count', props.blocks.length)}</p>
      <div class="table-scroll">
        <table class="table">
          <caption class="visually-hidden">{t('upload.preview.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('upload.preview.kind')}</th>
              <th scope="col">{t('upload.preview.label')}</th>
              <th scope="col">{t('upload.preview.path')}</th>
              <th scope="col">{t('upload.preview.text')}</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.blocks.slice(0, SHOWN)}>
              {(block) => (
                <tr>
                  <td>{blockKindLabel(block.kind)}</td>
                  <td>
                    <bdi>{block.label ?? ''}</bdi>
                  </td>
                  <td>
                    <code dir="ltr">{block.path}</code>
                  </td>
                  <td dir={block.dir}>{block.text}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </section>
  );
}
