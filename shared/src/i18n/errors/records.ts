import type { Catalogue } from '../types';

export const recordErrors = {
} satisfies Catalogue;
