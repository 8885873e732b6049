import type { Scenario } from '../scenario';
import { baselineScenario } from './baseline';
import { publishScenario } from './publish';

/** Every scenario, in the order `pnpm bench` runs them; the baseline always comes first. */
export const SCENARIOS: ReadonlyArray<Scenario<never>> = [baselineScenario, publishScenario] as unknown as ReadonlyArray<Scenario<never>>;
