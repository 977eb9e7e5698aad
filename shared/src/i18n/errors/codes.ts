import type { Catalogue } from '../types';

export const codeErrors = {
} satisfies Catalogue;
