/**
 * The demo.* and settings.demo.* handlers. demo.* reach the demo menu only
 * when the app was started in demo mode; otherwise each answers DEMO_MODE_OFF,
 * so no demo code runs in normal mode. The switch is kept in the real data
 * folder (see demo-switch.ts), whichever mode this run is.
 */
import type { DemoSettingsView } from '../../domain/demo-api.ts';
import { AppError } from '../../domain/errors.ts';
import type { MethodHandlers } from '../api-router.ts';
// Types only: the demo's simulators and sample cards stay out of a normal app's import graph.
import type { DemoMenu } from './demo-menu.ts';
import { chooseStartMode, writeDemoSwitch } from './demo-switch.ts';

type DemoMethods = 'demo.status' | 'demo.insertCard' | 'demo.removeCard' | 'demo.scan' | 'settings.demo.get' | 'settings.demo.set';

export function demoApiHandlers({ menu, dataDir }: { menu: DemoMenu | undefined; dataDir: string }): Pick<MethodHandlers, DemoMethods> {
  const active = menu !== undefined;
  const homeDataDir = menu?.homeDataDir ?? dataDir;
  const view = (): DemoSettingsView => ({ enabled: chooseStartMode(homeDataDir, undefined).demo, active });
  const demo = (): DemoMenu => menu ?? demoModeOff();
  return {
    'demo.status': () => demo().status(),
    'demo.insertCard': ({ cardId }) => demo().insertCard(cardId),
    'demo.removeCard': () => demo().removeCard(),
    'demo.scan': ({ codeId }) => demo().scan(codeId),
    'settings.demo.get': () => view(),
    'settings.demo.set': (input) => {
      writeDemoSwitch(homeDataDir, input);
      return view();
    },
  };
}

function demoModeOff(): never {
  throw new AppError('DEMO_MODE_OFF', 'This is not demo mode: sample cards and codes exist only in demo mode (tiepdon start --demo)');
}
