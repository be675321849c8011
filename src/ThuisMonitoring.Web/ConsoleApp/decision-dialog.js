// One confirmation dialog for every clinical decision: what will happen, the fields it needs (a reason, a flow, a
// colleague), and Confirm / Cancel. The decision is sent only on Confirm; a refusal is shown in the dialog.

import { t } from './i18n.js';
import { element } from './patient-overview.js';

/**
 * Opens the dialog; resolves with the API's answer once onConfirm(values) succeeded, or null when cancelled.
 * fields: [{ name, label, type: 'text'|'number'|'textarea'|'select', value, required, min, max, step, options: [{value, label}] }].
 */
export function confirmDecision({ id, title, text, fields = [], confirmLabel, onConfirm }) {
  return new Promise((resolve) => {
    const dialog = element('dialog', { className: 'decision-dialog' });
    dialog.dataset.testid = 'decision-dialog';
    dialog.dataset.decision = id;
    const error = element('p', { className: 'form-error', hidden: true });
    error.dataset.testid = 'decision-error';
    error.setAttribute('role', 'alert');
    const inputs = fields.map((field) => {
      const inputId = `decision-${id}-${field.name}`;
      let input;
      if (field.type === 'select') {
        input = element('select', { id: inputId }, ...field.options.map((o) => element('option', { value: o.value }, o.label)));
      } else if (field.type === 'textarea') {
        input = element('textarea', { id: inputId, rows: 3 });
      } else {
        input = element('input', { id: inputId, type: field.type ?? 'text' });
        for (const key of ['min', 'max', 'step']) if (field[key] !== undefined) input[key] = String(field[key]);
      }
      if (field.value !== undefined && field.value !== null) input.value = String(field.value);
      input.required = Boolean(field.required);
      input.dataset.testid = `decision-${field.name}`;
      input.name = field.name;
      return { field, input, label: element('label', { htmlFor: inputId }, field.label) };
    });
    const confirm = element('button', { type: 'submit' }, confirmLabel ?? t('decision.confirm'));
    confirm.dataset.testid = 'decision-confirm';
    const cancel = element('button', { type: 'button' }, t('decision.cancel'));
    cancel.dataset.testid = 'decision-cancel';
    const form = element(
      'form',
      {},
      element('h2', {}, title),
      text ? element('p', {}, text) : null,
      error,
      ...inputs.flatMap(({ label, input }) => [label, input]),
      element('div', { className: 'dialog-buttons' }, confirm, cancel),
    );
    dialog.append(form);
    document.body.append(dialog);
    const close = (result) => {
      dialog.close();
      dialog.remove();
      resolve(result);
    };
    cancel.addEventListener('click', () => close(null));
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      close(null);
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const values = Object.fromEntries(inputs.map(({ field, input }) => [field.name, field.type === 'number' ? Number(input.value) : input.value.trim()]));
      confirm.disabled = true;
      error.hidden = true;
      try {
        close(await onConfirm(values));
      } catch (failure) {
        error.textContent = failure?.message || t('decision.failed');
        error.hidden = false;
        confirm.disabled = false;
      }
    });
    dialog.showModal();
    inputs[0]?.input.focus();
  });
}
