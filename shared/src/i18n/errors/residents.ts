import type { Catalogue } from '../types';

export const residentErrors = {
} satisfies Catalogue;
