/** The names of the records with these ids, in the order given (unknown ids are left out). */
export function namesOf(ids: readonly string[], records: readonly { id: string; name: string }[]) {
  const byId = new Map(records.map((record) => [record.id, record.name]));
  return ids.flatMap((id) => {
    const name = byId.get(id);
    return name === undefined ? [] : [name];
  });
}
