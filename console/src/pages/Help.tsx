// Help: the keyboard shortcuts, and the setting that turns them off (WCAG 2.1.4).
import { Checkboxes } from '../components/govuk.tsx';
import { usePage } from '../page.ts';
import { setShortcutsEnabled, useShortcutsEnabled } from '../settings.ts';
import { SHORTCUTS } from '../shortcuts.ts';

export default function Help() {
  usePage('Help and keyboard shortcuts');
  const enabled = useShortcutsEnabled();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds-from-desktop">
        <h1 className="govuk-heading-l">Help and keyboard shortcuts</h1>
        <p className="govuk-body">
          Shortcuts are single keys. They work anywhere except while you are typing in a field: press Tab to move on from the field first, or
          click outside it.
        </p>
        <table className="govuk-table">
          <caption className="govuk-table__caption govuk-table__caption--m">Keyboard shortcuts</caption>
          <thead className="govuk-table__head">
            <tr className="govuk-table__row">
              <th scope="col" className="govuk-table__header">
                Key
              </th>
              <th scope="col" className="govuk-table__header">
                What it does
              </th>
            </tr>
          </thead>
          <tbody className="govuk-table__body">
            {SHORTCUTS.map((shortcut) => (
              <tr className="govuk-table__row" key={shortcut.does}>
                <td className="govuk-table__cell">
                  {shortcut.keys.map((key, i) => (
                    <span key={key}>
                      {i > 0 && (shortcut.keys[0] === 'Ctrl' ? ' + ' : ' or ')}
                      <kbd className="app-kbd">{key}</kbd>
                    </span>
                  ))}
                </td>
                <td className="govuk-table__cell">{shortcut.does}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <form onSubmit={(event) => event.preventDefault()}>
          <Checkboxes
            id="shortcuts-enabled"
            legend="Your setting"
            small={false}
            items={[{ value: 'on', label: 'Use single-key shortcuts (remembered on this computer)' }]}
            values={enabled ? ['on'] : []}
            onChange={(values) => setShortcutsEnabled(values.includes('on'))}
          />
        </form>
        <p className="govuk-body" role="status">
          {enabled ? 'Shortcuts are on.' : 'Shortcuts are off. Ctrl+Enter still sends a form.'}
        </p>
        <h2 className="govuk-heading-m">Moving around</h2>
        <ul className="govuk-list govuk-list--bullet">
          <li>Every page starts at its main heading; the first Tab on a page offers “Skip to main content”.</li>
          <li>In a list of choices, the arrow keys move between them and Space chooses.</li>
          <li>Forms keep what you typed if your session ends: sign in again and it is still there.</li>
        </ul>
      </div>
    </div>
  );
}
