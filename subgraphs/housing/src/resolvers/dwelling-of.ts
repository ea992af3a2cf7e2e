import { wrap } from '@mikro-orm/core';
import type { Dwelling } from '../entities/dwelling.entity';
import type { HousingContext } from './context';

/** The dwelling a row points at: already loaded when it is in the identity map, else through the loader. */
export function dwellingOf(dwelling: Dwelling, { loaders }: HousingContext): Dwelling | Promise<Dwelling | null> {
  return wrap(dwelling).isInitialized() ? dwelling : loaders.dwellingById.load(dwelling.id);
}
