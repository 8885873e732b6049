import type { Scenario } from '../scenario';
import { baselineScenario } from './baseline';
import { publishScenario } from './publish';
import { workflowsScenario } from './workflows';
import { apiScenario } from './api';
import { idleScenario } from './idle';

/** Every scenario, in the order `pnpm bench` runs them; the baseline always comes first. */
export const SCENARIOS: ReadonlyArray<Scenario<never>> = [baselineScenario, publishScenario, workflowsScenario, apiScenario, idleScenario] as unknown as ReadonlyArray<Scenario<never>>;
