import { useCallback, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { FieldGroup } from '@/components/ui/form-field';
import fieldCss from '@/components/ui/form-field.module.css';
import { cx } from '@/lib/cx';
import { REVIEWS_MAX, emptyReview, reviewField } from '../plan-values';
import type { ReviewRow } from '../plan-values';
import { InputField, TextAreaField } from './fields';
import type { RowsBinding } from './plan-action-rows';
import { AddRowButton, useEditableRows } from './plan-rows';
import styles from '../plans.module.css';

/**
 * The review dates of a plan as rows: the day it is due and, once it took place, the day it was
 * held (today unless told) and its notes.
 */
export function PlanReviewRows({
  rows,
  onChange,
  form,
  today,
}: {
  rows: readonly ReviewRow[];
  onChange: (rows: ReviewRow[]) => void;
  form: RowsBinding;
  today: string;
}) {
  const { t } = useTranslation();
  const groupId = useId();
  const { addRef, change, add, remove } = useEditableRows({
    rows,
    onChange,
    make: emptyReview,
    firstFieldId: useCallback((key: string) => form.idOf(reviewField(key, 'dueOn')), [form]),
  });
  const full = rows.length >= REVIEWS_MAX;

  return (
    <FieldGroup
      id={groupId}
      legend={t('plans.form.reviews')}
      hint={t('plans.form.reviewsHint')}
      className={styles.planRows}
    >
      {rows.map((row, index) => {
        const dueOn = reviewField(row.key, 'dueOn');
        const heldOn = reviewField(row.key, 'heldOn');
        const notes = reviewField(row.key, 'notes');
        return (
          <fieldset key={row.key} className={cx(styles.planRow, 'plan-review-row')}>
            <legend className={styles.planRowLegend}>
              {t('plans.form.reviewRow', { number: index + 1 })}
            </legend>
            <div className={styles.planRowFields}>
              <InputField
                id={form.idOf(dueOn)}
                name="reviewDueOn"
                type="date"
                label={t('plans.form.reviewDate')}
                required
                error={form.errors[dueOn]}
                value={row.dueOn}
                onChange={(value) => change(row.key, { dueOn: value })}
                onBlur={() => form.touch(dueOn)}
              />
              <label className={cx(fieldCss.checkbox, 'checkbox', styles.planRowCheck)}>
                <input
                  type="checkbox"
                  name="reviewHeld"
                  checked={row.held}
                  onChange={(event) =>
                    change(row.key, {
                      held: event.target.checked,
                      heldOn: event.target.checked ? row.heldOn || today : '',
                    })
                  }
                />
                <span>{t('plans.form.held')}</span>
              </label>
            </div>
            {row.held && (
              <div className={styles.planRowHeld}>
                <InputField
                  id={form.idOf(heldOn)}
                  name="reviewHeldOn"
                  type="date"
                  label={t('plans.form.heldOn')}
                  required
                  max={today}
                  error={form.errors[heldOn]}
                  value={row.heldOn}
                  onChange={(value) => change(row.key, { heldOn: value })}
                  onBlur={() => form.touch(heldOn)}
                />
                <TextAreaField
                  id={form.idOf(notes)}
                  name="reviewNotes"
                  label={t('plans.form.reviewNotes')}
                  rows={3}
                  maxLength={2000}
                  error={form.errors[notes]}
                  value={row.notes}
                  onChange={(value) => change(row.key, { notes: value })}
                  onBlur={() => form.touch(notes)}
                />
              </div>
            )}
            <div className={styles.planRowFoot}>
              <Button variant="secondary" small onClick={() => remove(row.key)}>
                {t('plans.form.removeReview')}
              </Button>
            </div>
          </fieldset>
        );
      })}
      <AddRowButton
        addRef={addRef}
        full={full}
        onAdd={add}
        label={t('plans.form.addReview')}
        fullNote={t('plans.form.reviewsMax', { max: REVIEWS_MAX })}
      />
    </FieldGroup>
  );
}
