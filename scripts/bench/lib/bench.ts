/** One benchmark of `npm run bench`: a name to pick it by and a run that prints and records its results. */
export interface Bench {
  name: string;
  summary: string;
  run(): Promise<void>;
}
