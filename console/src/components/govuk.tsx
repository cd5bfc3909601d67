// GOV.UK Frontend components as React: the same markup and classes as the design system's
// templates (govuk-frontend/dist/govuk/components/*/template.njk), with React owning the
// behaviour, so none of GOV.UK Frontend's JavaScript is loaded. Text is always rendered as text.
import { useEffect, useRef, type ButtonHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

const cx = (...classes: Array<string | false | null | undefined>) => classes.filter(Boolean).join(' ');

// ---- Buttons ----------------------------------------------------------------------------------

export function Button({
  variant,
  className,
  children,
  type = 'submit',
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: 'secondary' | 'warning' | 'inverse' }) {
  return (
    <button type={type} className={cx('govuk-button', variant && `govuk-button--${variant}`, className)} data-module="govuk-button" {...rest}>
      {children}
    </button>
  );
}

export function ButtonGroup({ children }: { children: ReactNode }) {
  return <div className="govuk-button-group">{children}</div>;
}

// ---- Error summary and messages ---------------------------------------------------------------

export interface FieldError {
  /** The id of the field the message is about; the summary links to it. */
  field: string;
  message: string;
}

/**
 * "There is a problem": takes focus when it appears (so the adviser hears it), and each link
 * moves focus to its field, as GOV.UK Frontend's own script does.
 */
export function ErrorSummary({ errors, title = 'There is a problem' }: { errors: FieldError[]; title?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const signature = errors.map((e) => `${e.field}:${e.message}`).join('|');
  useEffect(() => {
    if (errors.length) ref.current?.focus();
  }, [signature, errors.length]);
  if (!errors.length) return null;
  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary" ref={ref} tabIndex={-1}>
      <div role="alert">
        <h2 className="govuk-error-summary__title">{title}</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {errors.map((error) => (
              <li key={`${error.field}:${error.message}`}>
                {error.field ? (
                  <a
                    href={`#${error.field}`}
                    onClick={(event) => {
                      const target = document.getElementById(error.field);
                      if (!target) return;
                      event.preventDefault();
                      const legend = target.closest('fieldset')?.querySelector('legend');
                      const label = document.querySelector(`label[for="${CSS.escape(error.field)}"]`);
                      (legend ?? label ?? target).scrollIntoView();
                      target.focus({ preventScroll: true });
                    }}
                  >
                    {error.message}
                  </a>
                ) : (
                  error.message
                )}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

export function ErrorMessage({ id, children }: { id: string; children: ReactNode }) {
  return (
    <p id={id} className="govuk-error-message">
      <span className="govuk-visually-hidden">Error:</span> {children}
    </p>
  );
}

function describedBy(...ids: unknown[]): string | undefined {
  const joined = ids.filter((id): id is string => typeof id === 'string' && id !== '').join(' ');
  return joined || undefined;
}

// ---- Form fields ------------------------------------------------------------------------------

interface FieldProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  /** Label as the page heading or bold. */
  labelClass?: string;
}

/** A field's form group: its label, hint and error message, then the control itself. */
function FormGroup({ id, label, hint, error, labelClass, children }: FieldProps & { children: ReactNode }) {
  return (
    <div className={cx('govuk-form-group', error && 'govuk-form-group--error')}>
      <label className={cx('govuk-label', labelClass)} htmlFor={id}>
        {label}
      </label>
      {hint && (
        <div id={`${id}-hint`} className="govuk-hint">
          {hint}
        </div>
      )}
      {error && <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage>}
      {children}
    </div>
  );
}

export function TextInput({
  id,
  label,
  hint,
  error,
  labelClass,
  value,
  onChange,
  type = 'text',
  width,
  autoComplete,
  inputMode,
  spellCheck,
  name,
}: FieldProps & {
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'email' | 'tel' | 'search' | 'date';
  width?: '2' | '3' | '4' | '5' | '10' | '20' | '30';
  autoComplete?: string;
  inputMode?: 'text' | 'email' | 'tel' | 'numeric' | 'search';
  spellCheck?: boolean;
  name?: string;
}) {
  return (
    <FormGroup id={id} label={label} hint={hint} error={error} labelClass={labelClass}>
      <input
        className={cx('govuk-input', width && `govuk-input--width-${width}`, error && 'govuk-input--error')}
        id={id}
        name={name ?? id}
        type={type}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}
        {...(autoComplete ? { autoComplete } : {})}
        {...(inputMode ? { inputMode } : {})}
        {...(spellCheck !== undefined ? { spellCheck } : {})}
      />
    </FormGroup>
  );
}

export function Textarea({
  id,
  label,
  hint,
  error,
  labelClass,
  value,
  onChange,
  rows = 5,
  describedByExtra,
}: FieldProps & { value: string; onChange: (value: string) => void; rows?: number; describedByExtra?: string }) {
  return (
    <FormGroup id={id} label={label} hint={hint} error={error} labelClass={labelClass}>
      <textarea
        className={cx('govuk-textarea', error && 'govuk-textarea--error')}
        id={id}
        name={id}
        rows={rows}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`, describedByExtra)}
      />
    </FormGroup>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

export function Select({
  id,
  label,
  hint,
  error,
  labelClass,
  value,
  onChange,
  options,
  groups,
}: FieldProps & {
  value: string;
  onChange: (value: string) => void;
  options?: SelectOption[];
  groups?: Array<{ label: string; options: SelectOption[] }>;
}) {
  return (
    <FormGroup id={id} label={label} hint={hint} error={error} labelClass={labelClass}>
      <select
        className={cx('govuk-select', error && 'govuk-select--error')}
        id={id}
        name={id}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}
      >
        {options?.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
        {groups?.map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.options.map((option) => (
              <option key={`${group.label}:${option.value}`} value={option.value}>
                {option.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </FormGroup>
  );
}

export interface RadioItem {
  value: string;
  label: ReactNode;
  hint?: ReactNode;
  /** Shown under the item while it is chosen. */
  conditional?: ReactNode;
}

export function Radios({
  id,
  legend,
  hint,
  error,
  legendClass = 'govuk-fieldset__legend--s',
  items,
  value,
  onChange,
  inline,
  small,
}: {
  /** The first radio's id (the error summary links to it); the others add -2, -3... */
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  legendClass?: string;
  items: RadioItem[];
  value: string;
  onChange: (value: string) => void;
  inline?: boolean;
  small?: boolean;
}) {
  return (
    <div className={cx('govuk-form-group', error && 'govuk-form-group--error')}>
      <fieldset className="govuk-fieldset" aria-describedby={describedBy(hint && `${id}-hint`, error && `${id}-error`)}>
        <legend className={cx('govuk-fieldset__legend', legendClass)}>{legend}</legend>
        {hint && (
          <div id={`${id}-hint`} className="govuk-hint">
            {hint}
          </div>
        )}
        {error && <ErrorMessage id={`${id}-error`}>{error}</ErrorMessage>}
        <div className={cx('govuk-radios', inline && 'govuk-radios--inline', small && 'govuk-radios--small')} data-module="govuk-radios">
          {items.map((item, index) => {
            const itemId = index === 0 ? id : `${id}-${index + 1}`;
            const checked = value === item.value;
            return (
              <div key={item.value}>
                <div className="govuk-radios__item">
                  <input
                    className="govuk-radios__input"
                    id={itemId}
                    name={id}
                    type="radio"
                    value={item.value}
                    checked={checked}
                    onChange={() => onChange(item.value)}
                    aria-describedby={item.hint ? `${itemId}-item-hint` : undefined}
                  />
                  <label className="govuk-label govuk-radios__label" htmlFor={itemId}>
                    {item.label}
                  </label>
                  {item.hint && (
                    <div id={`${itemId}-item-hint`} className="govuk-hint govuk-radios__hint">
                      {item.hint}
                    </div>
                  )}
                </div>
                {checked && item.conditional && <div className="govuk-radios__conditional">{item.conditional}</div>}
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

export function Checkboxes({
  id,
  legend,
  items,
  values,
  onChange,
  small = true,
}: {
  id: string;
  legend: ReactNode;
  items: Array<{ value: string; label: ReactNode }>;
  values: string[];
  onChange: (values: string[]) => void;
  small?: boolean;
}) {
  return (
    <div className="govuk-form-group">
      <fieldset className="govuk-fieldset">
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
        <div className={cx('govuk-checkboxes', small && 'govuk-checkboxes--small')} data-module="govuk-checkboxes">
          {items.map((item, index) => {
            const itemId = index === 0 ? id : `${id}-${index + 1}`;
            return (
              <div className="govuk-checkboxes__item" key={item.value}>
                <input
                  className="govuk-checkboxes__input"
                  id={itemId}
                  name={id}
                  type="checkbox"
                  value={item.value}
                  checked={values.includes(item.value)}
                  onChange={(event) =>
                    onChange(event.target.checked ? [...values, item.value] : values.filter((v) => v !== item.value))
                  }
                />
                <label className="govuk-label govuk-checkboxes__label" htmlFor={itemId}>
                  {item.label}
                </label>
              </div>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}

// ---- Content ----------------------------------------------------------------------------------

export interface SummaryRow {
  key: ReactNode;
  value: ReactNode;
  action?: ReactNode;
}

export function SummaryList({ rows, noBorder }: { rows: SummaryRow[]; noBorder?: boolean }) {
  return (
    <dl className={cx('govuk-summary-list', noBorder && 'govuk-summary-list--no-border')}>
      {rows.map((row, index) => (
        <div className={cx('govuk-summary-list__row', !row.action && rows.some((r) => r.action) && 'govuk-summary-list__row--no-actions')} key={index}>
          <dt className="govuk-summary-list__key">{row.key}</dt>
          <dd className="govuk-summary-list__value">{row.value}</dd>
          {row.action && <dd className="govuk-summary-list__actions">{row.action}</dd>}
        </div>
      ))}
    </dl>
  );
}

export function Tag({ colour, children }: { colour?: string; children: ReactNode }) {
  return <strong className={cx('govuk-tag', colour && `govuk-tag--${colour}`)}>{children}</strong>;
}

export function NotificationBanner({
  title,
  heading,
  success,
  children,
  focusOnShow,
}: {
  title?: string;
  heading?: ReactNode;
  success?: boolean;
  children?: ReactNode;
  focusOnShow?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusOnShow) ref.current?.focus();
  }, [focusOnShow]);
  const titleId = useRef(`banner-title-${Math.random().toString(36).slice(2)}`).current;
  return (
    <div
      className={cx('govuk-notification-banner', success && 'govuk-notification-banner--success')}
      role={success ? 'alert' : 'region'}
      aria-labelledby={titleId}
      data-module="govuk-notification-banner"
      ref={ref}
      tabIndex={focusOnShow ? -1 : undefined}
    >
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id={titleId}>
          {title ?? (success ? 'Success' : 'Important')}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        {heading && <p className="govuk-notification-banner__heading">{heading}</p>}
        {children}
      </div>
    </div>
  );
}

export function Panel({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <div className="govuk-panel govuk-panel--confirmation">
      <h1 className="govuk-panel__title" tabIndex={-1}>
        {title}
      </h1>
      {children && <div className="govuk-panel__body">{children}</div>}
    </div>
  );
}

export function InsetText({ children, id }: { children: ReactNode; id?: string }) {
  return (
    <div className="govuk-inset-text" id={id}>
      {children}
    </div>
  );
}

export function WarningText({ children }: { children: ReactNode }) {
  return (
    <div className="govuk-warning-text">
      <span className="govuk-warning-text__icon" aria-hidden="true">
        !
      </span>
      <strong className="govuk-warning-text__text">
        <span className="govuk-visually-hidden">Warning</span>
        {children}
      </strong>
    </div>
  );
}

export function Details({ summary, children, open }: { summary: ReactNode; children: ReactNode; open?: boolean }) {
  return (
    <details className="govuk-details" open={open}>
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">{summary}</span>
      </summary>
      <div className="govuk-details__text">{children}</div>
    </details>
  );
}

export function BackLink({ href, children = 'Back', onClick }: { href: string; children?: ReactNode; onClick?: (event: MouseEvent<HTMLAnchorElement>) => void }) {
  return (
    <a href={href} className="govuk-back-link" onClick={onClick}>
      {children}
    </a>
  );
}

/** Prints the page as it stands; the print style sheet leaves out the navigation, filters and buttons. */
export function PrintButton() {
  return (
    <button type="button" className="govuk-button govuk-button--secondary app-no-print" onClick={() => window.print()}>
      Print this page
    </button>
  );
}
