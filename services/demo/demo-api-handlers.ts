/**
 * The demo.* and settings.demo.* handlers. demo.* reach the demo menu only
 * when the app was started in demo mode; otherwise each answers DEMO_MODE_OFF,
 * so no demo code runs in normal mode.
 *
 * The switch is the real station's (a file in the real data folder, see
 * demo-switch.ts), so only a normal run changes it, behind that run's admin
 * PIN. A demo run writes nothing outside its own folder: it reports the switch
 * as it was when the demo started and refuses to change it. Checking the real
 * station's PIN from a demo run is not offered: it would open the real
 * database (and count wrong PINs in it) from a session anyone may practise in.
 */
import type { DemoSettingsView } from '../../domain/demo-api.ts';
import { AppError } from '../../domain/errors.ts';
import type { MethodHandlers } from '../api-router.ts';
// Types only: the demo's simulators and sample cards stay out of a normal app's import graph.
import type { DemoMenu } from './demo-menu.ts';
import { chooseStartMode, writeDemoSwitch } from './demo-switch.ts';

type DemoMethods = 'demo.status' | 'demo.insertCard' | 'demo.removeCard' | 'demo.scan' | 'settings.demo.get' | 'settings.demo.set';

export function demoApiHandlers({ menu, dataDir }: { menu: DemoMenu | undefined; dataDir: string }): Pick<MethodHandlers, DemoMethods> {
  const demo = (): DemoMenu => menu ?? demoModeOff();
  return {
    'demo.status': () => demo().status(),
    'demo.insertCard': ({ cardId }) => demo().insertCard(cardId),
    'demo.removeCard': () => demo().removeCard(),
    'demo.scan': ({ codeId }) => demo().scan(codeId),
    ...(menu ? demoRunSwitch(menu) : realStationSwitch(dataDir)),
  };
}

function realStationSwitch(dataDir: string): Pick<MethodHandlers, 'settings.demo.get' | 'settings.demo.set'> {
  const view = (): DemoSettingsView => ({ enabled: chooseStartMode(dataDir, undefined).demo, active: false });
  return {
    'settings.demo.get': () => view(),
    'settings.demo.set': (input) => {
      writeDemoSwitch(dataDir, input);
      return view();
    },
  };
}

function demoRunSwitch(menu: DemoMenu): Pick<MethodHandlers, 'settings.demo.get' | 'settings.demo.set'> {
  return {
    'settings.demo.get': () => ({ enabled: menu.switchAtStart, active: true }),
    'settings.demo.set': () => {
      throw new AppError(
        'DEMO_SWITCH_REAL_APP_ONLY',
        "Demo mode cannot change the demo switch: it belongs to the real station. Start the real app (tiepdon start --no-demo) and change it in its settings, behind its admin PIN",
      );
    },
  };
}

function demoModeOff(): never {
  throw new AppError('DEMO_MODE_OFF', 'This is not demo mode: sample cards and codes exist only in demo mode (tiepdon start --demo)');
}
