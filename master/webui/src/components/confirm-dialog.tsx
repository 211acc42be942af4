/**
 * A modal confirmation: the sentence naming what will happen, Confirm and
 * Cancel. While the master works the buttons wait; a refusal is shown in
 * the dialog with the master's reason, and the dialog stays open.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import './actions.css';

/** Props of {@link ConfirmDialog}. */
export interface ConfirmDialogProps {
  /** Test hook and name: `data-dialog`. */
  name: string;
  title: string;
  /** What will happen. */
  text: ComponentChildren;
  confirmLabel: string;
  /** Does it; resolves with the master's answer (shown by the caller), rejects with its refusal. */
  onConfirm: () => Promise<string>;
  /** Closed: `done` is the master's answer, undefined when cancelled. */
  onClose: (done?: string) => void;
  /** More inputs (e.g. a drain's grace period cap). */
  children?: ComponentChildren;
}

/** The dialog. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const cancel = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    cancel.current?.focus();
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') props.onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const confirm = (): void => {
    setPending(true);
    setError(undefined);
    props.onConfirm().then(
      (message) => props.onClose(message),
      (e: unknown) => {
        setPending(false);
        const status = e instanceof ApiError && e.status ? ` (${e.status})` : '';
        setError(`Refused${status}: ${(e as Error).message}`);
      },
    );
  };

  return (
    <div class="dialog-backdrop" onClick={(e) => e.target === e.currentTarget && !pending && props.onClose()}>
      <div class="dialog" role="dialog" aria-modal="true" aria-labelledby={`dialog-${props.name}-title`} data-dialog={props.name}>
        <h2 id={`dialog-${props.name}-title`}>{props.title}</h2>
        <p class="dialog-text" data-dialog-text>{props.text}</p>
        {props.children}
        {error && (
          <div class="error-box" role="alert" data-refusal>
            {error}
          </div>
        )}
        <div class="dialog-buttons">
          <button type="button" class="button" ref={cancel} onClick={() => props.onClose()} disabled={pending}>
            {error ? 'Close' : 'Cancel'}
          </button>
          <button type="button" class="button danger" data-confirm onClick={confirm} disabled={pending}>
            {pending ? 'Working…' : props.confirmLabel}
          </button>
        </div>
      </div>
    </div>
  );
}
