/**
 * The source of a draft: a file (.txt, .md, .docx, read in the browser; Word files are sent in
 * base64) or pasted text. Reports the Source to send, or null while there is none.
 */
import { createSignal, Show } from 'solid-js';
import type { Source } from '../../../../shared/documents.ts';
import { FieldShell } from '../../components/Field.tsx';
import { t } from '../../i18n/index.ts';

function formatOf(name: string): Source['format'] {
  const lower = name.toLowerCase();
  if (lower.endsWith('.docx')) return 'docx';
  if (lower.endsWith('.md') || lower.endsWith('.markdown')) return 'markdown';
  return 'text';
}

function readFile(file: File, format: Source['format']): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error);
    reader.onload = () => {
      const result = reader.result;
      if (format !== 'docx') return resolve(String(result));
      // data:…;base64,XXXX → XXXX
      const url = String(result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    if (format === 'docx') reader.readAsDataURL(file);
    else reader.readAsText(file);
  });
}

export function SourceInput(props: { idPrefix: string; onSource: (source: Source | null) => void; error?: string }) {
  const [fileName, setFileName] = createSignal('');
  const [text, setText] = createSignal('');
  const [reading, setReading] = createSignal(false);

  const onFile = async (file: File | undefined) => {
    if (!file) {
      setFileName('');
      props.onSource(text().trim() ? { format: 'text', content: text() } : null);
      return;
    }
    setReading(true);
    try {
      const format = formatOf(file.name);
      const content = await readFile(file, format);
      setFileName(file.name);
      props.onSource({ format, content });
    } catch {
      props.onSource(null);
    } finally {
      setReading(false);
    }
  };

  return (
    <>
      <FieldShell id={`${props.idPrefix}-file`} label={t('upload.file')} hint={t('upload.file.hint')} error={props.error}>
        <input
          id={`${props.idPrefix}-file`}
          class="input"
          type="file"
          accept=".txt,.md,.markdown,.docx,text/plain,text/markdown,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          aria-describedby={`${props.idPrefix}-file-hint`}
          onChange={(event) => void onFile(event.currentTarget.files?.[0])}
        />
      </FieldShell>
      <Show when={reading()}>
        <p role="status">{t('upload.reading')}</p>
      </Show>
      <Show when={fileName()}>
        <p role="status">{t('upload.fileChosen', { name: fileName() })}</p>
      </Show>
      <FieldShell id={`${props.idPrefix}-text`} label={t('upload.paste')} hint={t('upload.paste.hint')}>
        <textarea
          id={`${props.idPrefix}-text`}
          class="input textarea"
          dir="auto"
          rows={8}
          aria-describedby={`${props.idPrefix}-text-hint`}
          value={text()}
          onInput={(event) => {
            setText(event.currentTarget.value);
            if (!fileName()) props.onSource(event.currentTarget.value.trim() ? { format: 'text', content: event.currentTarget.value } : null);
          }}
        />
      </FieldShell>
    </>
  );
}
