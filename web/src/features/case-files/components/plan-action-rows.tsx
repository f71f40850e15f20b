import { useCallback, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { FieldGroup, FormField } from '@/components/ui/form-field';
import fieldCss from '@/components/ui/form-field.module.css';
import { cx } from '@/lib/cx';
import type { FieldErrors } from '@/lib/form-errors';
import { ACTIONS_MAX, actionField, emptyAction } from '../plan-values';
import type { ActionRow } from '../plan-values';
import { InputField } from './fields';
import { AddRowButton, useEditableRows } from './plan-rows';
import styles from '../plans.module.css';

/** What a list of rows needs of its form. */
export type RowsBinding = {
  /** The DOM id of a field of the form (`actions.<key>.description`…). */
  idOf: (field: string) => string;
  errors: FieldErrors;
  touch: (field: string) => void;
};

/**
 * The agreed actions of a plan as rows: what, who (suggesting the case file's members), by when,
 * and whether it is done. A new row takes the focus; removing one gives it to "Add action".
 */
export function PlanActionRows({
  rows,
  onChange,
  form,
  who,
}: {
  rows: readonly ActionRow[];
  onChange: (rows: ActionRow[]) => void;
  form: RowsBinding;
  /** Names to suggest for "Who". */
  who: readonly string[];
}) {
  const { t } = useTranslation();
  const groupId = useId();
  const listId = useId();
  const { addRef, change, add, remove } = useEditableRows({
    rows,
    onChange,
    make: emptyAction,
    firstFieldId: useCallback((key: string) => form.idOf(actionField(key, 'description')), [form]),
  });
  const full = rows.length >= ACTIONS_MAX;

  return (
    <FieldGroup
      id={groupId}
      legend={t('plans.form.actions')}
      hint={t('plans.form.actionsHint')}
      className={styles.planRows}
    >
      <datalist id={listId}>
        {who.map((name) => (
          <option key={name} value={name} />
        ))}
      </datalist>
      {rows.map((row, index) => {
        const description = actionField(row.key, 'description');
        const responsible = actionField(row.key, 'responsible');
        const dueOn = actionField(row.key, 'dueOn');
        return (
          <fieldset key={row.key} className={cx(styles.planRow, 'plan-action-row')}>
            <legend className={styles.planRowLegend}>
              {t('plans.form.actionRow', { number: index + 1 })}
            </legend>
            <div className={styles.planRowFields}>
              <InputField
                id={form.idOf(description)}
                name="actionDescription"
                label={t('plans.form.action')}
                required
                className={styles.planRowWide}
                error={form.errors[description]}
                value={row.description}
                onChange={(value) => change(row.key, { description: value })}
                onBlur={() => form.touch(description)}
              />
              <FormField
                id={form.idOf(responsible)}
                label={t('plans.form.who')}
                required
                error={form.errors[responsible]}
              >
                {(control) => (
                  <input
                    {...control}
                    name="actionResponsible"
                    type="text"
                    autoComplete="off"
                    list={listId}
                    value={row.responsible}
                    onChange={(event) => change(row.key, { responsible: event.target.value })}
                    onBlur={() => form.touch(responsible)}
                  />
                )}
              </FormField>
              <InputField
                id={form.idOf(dueOn)}
                name="actionDueOn"
                type="date"
                label={t('plans.form.by')}
                error={form.errors[dueOn]}
                value={row.dueOn}
                onChange={(value) => change(row.key, { dueOn: value })}
                onBlur={() => form.touch(dueOn)}
              />
            </div>
            <div className={styles.planRowFoot}>
              <label className={cx(fieldCss.checkbox, 'checkbox')}>
                <input
                  type="checkbox"
                  name="actionDone"
                  checked={row.done}
                  onChange={(event) => change(row.key, { done: event.target.checked })}
                />
                <span>{t('plans.form.done')}</span>
              </label>
              <Button variant="secondary" small onClick={() => remove(row.key)}>
                {t('plans.form.removeAction')}
              </Button>
            </div>
          </fieldset>
        );
      })}
      <AddRowButton
        addRef={addRef}
        full={full}
        onAdd={add}
        label={t('plans.form.addAction')}
        fullNote={t('plans.form.actionsMax', { max: ACTIONS_MAX })}
      />
    </FieldGroup>
  );
}
