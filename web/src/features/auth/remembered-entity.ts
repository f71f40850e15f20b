const ENTITY_STORAGE_KEY = 'caliu.entity';

/** The entity last signed in to from this browser, to fill in the sign-in forms. */
export function rememberedEntity(): string {
  try {
    return window.localStorage.getItem(ENTITY_STORAGE_KEY) ?? '';
  } catch {
    return '';
  }
}

export function rememberEntity(entity: string): void {
  try {
    window.localStorage.setItem(ENTITY_STORAGE_KEY, entity);
  } catch {
    // Storage refused: the user types the entity again next time.
  }
}
