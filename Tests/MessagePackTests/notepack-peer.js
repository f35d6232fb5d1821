// notepack-peer.js: the official Socket.IO browser client with the msgpack parser
// (socket.io.msgpack.min.js 4.8.3, which carries notepack.io's 2.x browser encoder and
// decoder), run under Node.js as a peer for NotepackPeerTests.swift.
//
//   node notepack-peer.js PATH/socket.io.msgpack.min.js < commands
//
// Reads one command a line and, once its input ends, answers one line each, in order
// (all at the end, so that a test may write every command before it reads):
//   encode NAME        ->  NAME HEX         what the bundle's encoder writes for the value
//   decode NAME HEX    ->  NAME ok          the bundle's decoder reads HEX as the value
//                          NAME differs: …  or not
// NAME is one of the values below. The "client …" ones are not built here but captured:
// they are the packets the client's own Socket code hands to its encoder, and the bytes
// it would send, for emit, connect and disconnect.
"use strict";
const readline = require("readline");
const io = require(process.argv[2]);

const manager = new io.Manager("http://127.0.0.1:1", { autoConnect: false });
const encoder = manager.encoder;
const Decoder = manager.decoder.constructor;

/// The packets and bytes the client writes, as Socket.IO's Manager passes them on.
function capture(act, options) {
  const written = [];
  const packets = [];
  const socket = manager.socket("/", options);
  manager.engine = {
    write: (bytes) => written.push(bytes),
    close: () => {},
  };
  const encode = encoder.encode.bind(encoder);
  encoder.encode = (packet) => {
    packets.push(packet);
    return encode(packet);
  };
  act(socket);
  encoder.encode = encode;
  delete manager.nsps["/"];
  return { value: packets[0], bytes: Buffer.from(written[0]) };
}

const text = (length, letter = "a") => letter.repeat(length);
const bytes = (length) => Uint8Array.from({ length }, (_, index) => index % 256).buffer;
const object = (count) => Object.fromEntries(Array.from({ length: count }, (_, i) => ["k" + i, i]));

const values = {
  "0": 0, "127": 127, "128": 128, "255": 255, "256": 256, "300": 300, "65535": 65535,
  "65536": 65536, "2^32 - 1": 2 ** 32 - 1, "2^32": 2 ** 32, "2^53 - 1": 2 ** 53 - 1,
  "2^63": 2 ** 63, "-1": -1, "-32": -32, "-33": -33, "-128": -128, "-129": -129,
  "-32768": -32768, "-32769": -32769, "-2^31": -(2 ** 31), "-2^31 - 1": -(2 ** 31) - 1,
  "-2^53 + 1": -(2 ** 53) + 1, "-2^63": -(2 ** 63),
  "1.5": 1.5, "0.1": 0.1, "-0.5": -0.5, "2.0": 2.0, "-0": -0, "1e100": 1e100,
  "NaN": NaN, "Infinity": Infinity, "-Infinity": -Infinity,
  "null": null, "true": true, "false": false, "undefined": undefined,
  "empty string": "", "hé": "hé", "emoji": "😀", "31 bytes": text(31), "32 bytes": text(32),
  "255 bytes": text(255), "256 bytes": text(256), "65535 bytes": text(65535),
  "65536 bytes": text(65536),
  "empty ArrayBuffer": bytes(0), "ArrayBuffer of 3": bytes(3), "ArrayBuffer of 256": bytes(256),
  "ArrayBuffer of 65536": bytes(65536), "Uint8Array.of(1, 2)": Uint8Array.of(1, 2),
  "empty array": [], "array of 15": new Array(15).fill(0), "array of 16": new Array(16).fill(0),
  "array of 65536": new Array(65536).fill(0),
  "empty object": {}, "object of 15": object(15), "object of 16": object(16),
  "nested": { a: { b: [1, { c: null }] } },
  "object with undefined": { a: undefined, b: null },
  "array with undefined": [undefined, null],
  "server emit('hello', 'you')": { type: 2, nsp: "/", data: ["hello", "you"] },
};
const captured = {
  // Before the connection an emit waits in the send buffer; flushing it sends it as on
  // connect.
  "client emit('hello', 'you')": capture((socket) => {
    socket.emit("hello", "you");
    socket.emitBuffered();
  }),
  "client emit with an ack": capture((socket) => {
    socket.emit("hello", () => {});
    socket.emitBuffered();
  }),
  "client connect": capture((socket) => socket.onopen()),
  "client connect with auth": capture((socket) => socket.onopen(), { auth: { token: "abc" } }),
  "client disconnect": capture((socket) => {
    socket.connected = true;
    socket.disconnect();
  }),
};
for (const [name, { value }] of Object.entries(captured)) values[name] = value;

function hexOf(value) {
  return Buffer.from(encoder.encode(value)[0]).toString("hex");
}

/// Decodes with the bundle's parser: a Socket.IO packet through its Decoder, which
/// checks the packet's shape; any other value through notepack's decode alone (the same
/// Decoder with that check turned off). The browser gets an ArrayBuffer of its own from
/// a WebSocket, so the bytes are copied into one (notepack's browser build misreads a
/// view into a larger buffer).
function decode(name, hex) {
  const buffer = Uint8Array.from(Buffer.from(hex, "hex")).buffer;
  const decoder = new Decoder();
  if (!isPacket(name)) decoder.checkPacket = () => {};
  let value;
  decoder.on("decoded", (decoded) => (value = decoded));
  decoder.add(buffer);
  return value;
}

function isPacket(name) {
  return name.startsWith("client ") || name.startsWith("server ");
}

function same(a, b) {
  if (a instanceof ArrayBuffer && b instanceof ArrayBuffer) {
    return Buffer.from(a).equals(Buffer.from(b));
  }
  if (typeof a === "number" && typeof b === "number") {
    return a === b || (Number.isNaN(a) && Number.isNaN(b));
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((element, index) => same(element, b[index]));
  }
  if (a && b && typeof a === "object" && typeof b === "object") {
    const keys = Object.keys(a);
    return (
      keys.join() === Object.keys(b).join() && keys.every((key) => same(a[key], b[key]))
    );
  }
  return a === b;
}

function show(value) {
  if (value instanceof ArrayBuffer) return `ArrayBuffer(${value.byteLength})`;
  if (value === undefined) return "undefined";
  const json = JSON.stringify(value);
  return json.length > 80 ? json.slice(0, 80) + "…" : json;
}

function answer(line) {
  const [command, ...rest] = line.split(" ");
  const hex = command === "decode" ? rest.pop() : undefined;
  const name = rest.join(" ");
  if (!(name in values)) return `${name} unknown`;
  if (command === "encode") {
    const bytes = name in captured ? captured[name].bytes.toString("hex") : hexOf(values[name]);
    return `${name} ${bytes}`;
  }
  try {
    const decoded = decode(name, hex);
    return same(decoded, values[name]) ? `${name} ok` : `${name} differs: ${show(decoded)}`;
  } catch (error) {
    return `${name} differs: ${error.message}`;
  }
}

const answers = [];
const lines = readline.createInterface({ input: process.stdin });
lines.on("line", (line) => answers.push(answer(line)));
lines.on("close", () => process.stdout.write(answers.map((line) => line + "\n").join("")));
