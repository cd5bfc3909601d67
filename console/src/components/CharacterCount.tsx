// GOV.UK Frontend's character count as React: the markup its script leaves once it has run (the
// limit in words for screen readers with the field, a visible count under it, and the same count
// read out politely a second after typing stops), with React owning the count, so none of GOV.UK
// Frontend's JavaScript is loaded. Counts characters as the API does (the text's length).
import { useEffect, useState, type ReactNode } from 'react';

const cx = (...classes: Array<string | false | null | undefined>) => classes.filter(Boolean).join(' ');

/** "You have 12 characters remaining", "You have 3 characters too many", GOV.UK's wording. */
export function countMessage(length: number, max: number): string {
  const left = max - length;
  if (left === 0) return 'You have 0 characters remaining';
  const n = Math.abs(left);
  return `You have ${n} character${n === 1 ? '' : 's'} ${left < 0 ? 'too many' : 'remaining'}`;
}

export function CharacterCount({
  id,
  label,
  hint,
  error,
  value,
  onChange,
  maxLength,
  rows = 5,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  value: string;
  onChange: (value: string) => void;
  maxLength: number;
  rows?: number;
}) {
  const message = countMessage(value.length, maxLength);
  const over = value.length > maxLength;
  // What a screen reader hears: the count once typing has paused, not on every key.
  const [spoken, setSpoken] = useState(message);
  useEffect(() => {
    const timer = setTimeout(() => setSpoken(message), 1000);
    return () => clearTimeout(timer);
  }, [message]);
  const describedBy = [`${id}-info`, hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <div className={cx('govuk-form-group', 'govuk-character-count', error && 'govuk-form-group--error')} data-module="govuk-character-count">
      <label className="govuk-label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
      )}
      {error && (
        <p id={`${id}-error`} className="govuk-error-message">
          <span className="govuk-visually-hidden">Error:</span> {error}
        </p>
      )}
      <textarea
        className={cx('govuk-textarea', 'govuk-js-character-count', (error || over) && 'govuk-textarea--error')}
        id={id}
        name={id}
        rows={rows}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={describedBy}
      />
      <div className={cx('govuk-character-count__message', 'govuk-character-count__status', over ? 'govuk-error-message' : 'govuk-hint')} aria-hidden="true">
        {message}
      </div>
      <div className="govuk-character-count__sr-status govuk-visually-hidden" aria-live="polite">
        {spoken}
      </div>
      <div id={`${id}-info`} className="govuk-hint govuk-character-count__message govuk-visually-hidden">
        You can enter up to {maxLength} characters
      </div>
    </div>
  );
}
