// The screens that are not a session step, by name.
import { ended, abortDialog } from './ended.js';
import { home } from './home.js';
import { login } from './login.js';
import { stationSetup, stationWelcome } from './station.js';

export const screens = {
  login,
  home,
  station_setup: stationSetup,
  station_welcome: stationWelcome,
  ended,
  abortDialog,
};
