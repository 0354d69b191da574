// Loaded with --import into a process (and, through execArgv, into its worker threads): every way
// to reach the network is replaced by a recorder that logs the attempt to NETWORK_TRAP_LOG and fails.
import { appendFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import dgram from 'node:dgram';
import dns from 'node:dns';
import http from 'node:http';
import http2 from 'node:http2';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';

const log = process.env.NETWORK_TRAP_LOG;
function trap(what) {
  return function trapped(...args) {
    const target = typeof args[0] === 'string' ? args[0] : JSON.stringify(args[0] ?? '')?.slice(0, 200);
    if (log) appendFileSync(log, `${what} ${target}\n`);
    throw new Error(`network use blocked by the test trap: ${what}`);
  };
}

net.Socket.prototype.connect = trap('net.Socket.connect');
net.connect = net.createConnection = trap('net.connect');
tls.connect = trap('tls.connect');
http.request = http.get = trap('http.request');
https.request = https.get = trap('https.request');
http2.connect = trap('http2.connect');
dgram.createSocket = trap('dgram.createSocket');
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny']) {
  dns[name] = trap(`dns.${name}`);
  dns.promises[name] = trap(`dns.promises.${name}`);
}
globalThis.fetch = trap('fetch');
globalThis.WebSocket = trap('WebSocket');
globalThis.EventSource = trap('EventSource');
syncBuiltinESMExports();
