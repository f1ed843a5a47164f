'use strict';
const { startEmulator } = require('./server');
const { EmulatorClient } = require('./client');
const { createEmulator } = require('./core/emulator');

module.exports = { startEmulator, EmulatorClient, createEmulator };
