// Parley's WhatsApp bridge: a thin pass-through from Parley (Java) to Baileys 7
// (https://github.com/WhiskeySockets/Baileys). One process serves every WhatsApp account.
// stdin and stdout carry one JSON object per line (Buffers as Baileys's BufferJSON writes them);
// stderr is log. All logic (storage, reconnects, alerts) lives in Parley; this file keeps sockets
// and their signal keys in memory only. The line protocol is described in README.md beside it.
import { readFileSync } from 'node:fs'
import { createInterface } from 'node:readline'
import pino from 'pino'
import { BufferJSON, initAuthCreds, makeWASocket, proto } from 'baileys'
import baileysDefaultLogger from 'baileys/lib/Utils/logger.js'

// stdout is the protocol: keep a private writer and send everything else that would print there to stderr.
const writeOut = process.stdout.write.bind(process.stdout)
const toStderr = (...args) => console.error(...args)
console.log = console.info = console.debug = console.warn = toStderr
process.stdout.write = process.stderr.write.bind(process.stderr)
// Baileys's own default pino logger writes to fd 1 directly; a few helpers use it even when a logger is given.
baileysDefaultLogger.level = 'silent'

const logger = pino({ level: process.env.PARLEY_BRIDGE_LOG_LEVEL || 'warn' }, pino.destination({ dest: 2, sync: true }))
const version = JSON.parse(readFileSync(new URL('../package.json', import.meta.resolve('baileys')), 'utf8')).version

/** Errors (Boom or not) serialise with their message, and Boom's output and data; Buffers as BufferJSON. */
function replacer(key, value) {
    if (value instanceof Error) {
        return { ...value, message: value.message, ...(value.name !== 'Error' ? { name: value.name } : {}) }
    }
    return BufferJSON.replacer(key, value)
}

let stdoutOpen = true
process.stdout.on('error', err => {
    stdoutOpen = false
    logger.error({ err }, 'stdout closed')
})

function send(obj) {
    if (!stdoutOpen) return
    let line
    try {
        line = JSON.stringify(obj, replacer)
    } catch (err) {
        logger.error({ err, account: obj.account, event: obj.event, id: obj.id }, 'could not serialise a line')
        if (obj.id !== undefined) send({ account: obj.account, id: obj.id, error: { message: `unserialisable result: ${err.message}`, status: null } })
        return
    }
    writeOut(line + '\n')
}

/** account id → { gen, sock }. gen tags each socket; events of a replaced socket are dropped. */
const sessions = new Map()
let generations = 0
const isCurrent = (account, gen) => sessions.get(account)?.gen === gen

/** A SignalKeyStore over memory, seeded with what Parley saved; every write goes out as keys.set. */
function makeKeyStore(account, gen, seed) {
    const mem = {}
    for (const [type, values] of Object.entries(seed || {})) {
        mem[type] = { ...values }
    }
    return {
        get: async (type, ids) => {
            const data = {}
            for (const id of ids) {
                let value = mem[type]?.[id]
                if (type === 'app-state-sync-key' && value) {
                    value = proto.Message.AppStateSyncKeyData.fromObject(value)
                }
                data[id] = value
            }
            return data
        },
        set: async data => {
            const emitted = {}
            for (const [type, values] of Object.entries(data)) {
                mem[type] = mem[type] || {}
                emitted[type] = {}
                for (const [id, value] of Object.entries(values || {})) {
                    if (value) mem[type][id] = value
                    else delete mem[type][id]
                    emitted[type][id] = value || null
                }
            }
            if (isCurrent(account, gen)) send({ account, event: 'keys.set', data: emitted })
        }
    }
}

async function endSocket(sock) {
    try {
        await sock.end(undefined)
    } catch (err) {
        logger.warn({ err }, 'error ending a socket')
    }
}

function open({ account, auth, options }) {
    if (typeof account !== 'string' || !account) throw new Error('open needs an account id')
    const old = sessions.get(account)
    const gen = ++generations
    sessions.set(account, { gen, sock: null })
    if (old?.sock) void endSocket(old.sock)
    let creds = auth?.creds
    if (!creds) {
        creds = initAuthCreds()
        send({ account, event: 'creds.update', data: creds })
    }
    const keys = makeKeyStore(account, gen, auth?.keys)
    const config = { ...(options && typeof options === 'object' ? options : {}) }
    const sock = makeWASocket({ ...config, auth: { creds, keys }, logger: logger.child({ account }) })
    sessions.get(account).sock = sock
    // Baileys forwards ws's 'unexpected-response' (a non-101 answer to the upgrade, e.g. HTTP 403), which stops
    // ws from failing the handshake, and then ignores it: the socket would hang in 'connecting' for ever.
    // Raise the error ws would have raised, so Baileys closes with that HTTP status (getCodeFromWSError).
    sock.ws.on('unexpected-response', (req, res) => {
        res.resume()
        sock.ws.emit('error', new Error(`Unexpected server response: ${res.statusCode}`))
    })
    sock.ev.process(async events => {
        for (const [event, data] of Object.entries(events)) {
            if (isCurrent(account, gen)) send({ account, event, data })
        }
    })
}

async function call({ account, id, method, args }) {
    const sock = sessions.get(account)?.sock
    const fn = sock?.[method]
    if (typeof fn !== 'function') {
        const message = sock ? `no socket method ${JSON.stringify(method)}` : `no session for account ${JSON.stringify(account)}`
        return send({ account, id, error: { message, status: null } })
    }
    try {
        const result = await fn.apply(sock, Array.isArray(args) ? args : [])
        send({ account, id, result: result === undefined ? null : result })
    } catch (err) {
        send({ account, id, error: { message: String(err?.message ?? err), status: err?.output?.statusCode ?? null } })
    }
}

function close({ account }) {
    const sock = sessions.get(account)?.sock
    if (!sock) return logger.warn({ account }, 'close for an account without a socket')
    void endSocket(sock)
}

function handle(line) {
    if (!line.trim()) return
    let msg
    try {
        msg = JSON.parse(line, BufferJSON.reviver)
    } catch (err) {
        return logger.error(`malformed line ignored (${err.message}): ${line.slice(0, 200)}`)
    }
    try {
        switch (msg?.op) {
            case 'open': return open(msg)
            case 'call': return void call(msg)
            case 'close': return close(msg)
            default: logger.error(`unknown op ignored: ${line.slice(0, 200)}`)
        }
    } catch (err) {
        logger.error({ err, op: msg.op, account: msg.account }, 'command failed')
        if (msg.op === 'call') send({ account: msg.account, id: msg.id, error: { message: String(err?.message ?? err), status: null } })
    }
}

let stopping = false
async function shutdown(why) {
    if (stopping) return
    stopping = true
    logger.info(`${why}: ending ${sessions.size} session(s)`)
    const socks = [...sessions.values()].map(s => s.sock).filter(Boolean)
    sessions.clear() // nothing more goes out for them
    await Promise.race([Promise.all(socks.map(endSocket)), new Promise(resolve => setTimeout(resolve, 3000))])
    process.exit(0)
}

process.on('uncaughtException', err => logger.error({ err }, 'uncaught exception'))
process.on('unhandledRejection', err => logger.error({ err }, 'unhandled rejection'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))

send({ event: 'ready', version })
const input = createInterface({ input: process.stdin, crlfDelay: Infinity })
input.on('line', handle)
input.on('close', () => void shutdown('stdin closed'))
