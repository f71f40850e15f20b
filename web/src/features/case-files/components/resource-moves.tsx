import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseFile, Resource, ResourceState } from '@caliu/common';
import { Button } from '@/components/ui/button';
import { FormDialog } from '@/components/ui/form-dialog';
import { useCurrentUser } from '@/lib/auth';
import { todayIn } from '@/lib/calendar';
import { useUpdateContent } from '../api/update-content';
import {
  TRANSITION_FIELDS,
  transitionAsks,
  transitionBody,
  transitionProblems,
  transitionValues,
} from '../resource-transitions';
import { ContentForm, useProblemWords } from './content-form';
import { DateField } from './content-fields';

/** Where a resource can go from where it is (never back to pre-assigned). */
type Move = Exclude<ResourceState, 'pre_assigned'>;
const isMove = (state: ResourceState): state is Move => state !== 'pre_assigned';

/**
 * A resource's next states as buttons (Grant, Deny, End), each asking in a dialog before it
 * acts, with the day it starts or ends. Granting records a "resource granted" intervention.
 */
export function ResourceMoves({
  caseFile,
  resource,
  onDone,
}: {
  caseFile: CaseFile;
  resource: Resource;
  onDone: (notice: string) => void;
}) {
  const { t } = useTranslation();
  const [moving, setMoving] = useState<Move | null>(null);
  const moves = resource.nextStates.filter(isMove);
  if (!resource.can.edit || moves.length === 0) return null;
  const named = { type: resource.type.name, person: resource.person.name };
  return (
    <>
      {moves.map((move) => (
        <Button
          key={move}
          small
          variant={move === 'denied' ? 'danger-outline' : 'secondary'}
          aria-label={t(`caseContent.resource.moves.${move}.named`, named)}
          onClick={() => setMoving(move)}
        >
          {t(`caseContent.resource.moves.${move}.button`)}
        </Button>
      ))}
      <FormDialog
        open={moving !== null}
        title={moving ? t(`caseContent.resource.moves.${moving}.title`, named) : ''}
        lead={moving && <p>{t(`caseContent.resource.moves.${moving}.lead`, named)}</p>}
        onDismiss={() => setMoving(null)}
      >
        {moving && (
          <MoveForm
            caseFile={caseFile}
            resource={resource}
            move={moving}
            onDismiss={() => setMoving(null)}
            onDone={() => {
              setMoving(null);
              onDone(t(`caseContent.resource.moves.${moving}.done`, named));
            }}
          />
        )}
      </FormDialog>
    </>
  );
}

function MoveForm({
  caseFile,
  resource,
  move,
  onDismiss,
  onDone,
}: {
  caseFile: CaseFile;
  resource: Resource;
  move: Move;
  onDismiss: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const today = todayIn(me.entity.timeZone);
  const problemWords = useProblemWords();
  const update = useUpdateContent('resource');
  const asks = transitionAsks(move);
  return (
    <ContentForm
      mode="edit"
      onCancel={onDismiss}
      label={t(`caseContent.resource.moves.${move}.title`, {
        type: resource.type.name,
        person: resource.person.name,
      })}
      initial={transitionValues(resource, move, today)}
      fields={TRANSITION_FIELDS}
      problems={(values) => problemWords(transitionProblems(resource, move, values))}
      requiredNote={asks.startsOn !== null || asks.endsOn !== null}
      sending={{
        send: (values) =>
          update.mutateAsync({
            caseFileId: caseFile.id,
            itemId: resource.id,
            body: transitionBody(resource, move, values),
          }),
        error: update.error,
        pending: update.isPending,
        reset: update.reset,
      }}
      submitLabel={() => t(`caseContent.resource.moves.${move}.submit`)}
      pendingLabel={t('forms.saving')}
      onDone={onDone}
    >
      {(form) => (
        <>
          {asks.startsOn && (
            <DateField
              {...form.bind('startsOn')}
              label={t('caseContent.resource.startsOn')}
              required
            />
          )}
          {asks.endsOn && (
            <DateField
              {...form.bind('endsOn')}
              label={t('caseContent.resource.endsOn')}
              hint={asks.endsOn === 'optional' ? t('caseContent.resource.endsOnHint') : undefined}
              required={asks.endsOn === 'required'}
              after={asks.startsOn ? form.values.startsOn : resource.startsOn}
            />
          )}
        </>
      )}
    </ContentForm>
  );
}
